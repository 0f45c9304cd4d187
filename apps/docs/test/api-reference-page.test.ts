// The built API reference in a real headless Chromium, served from a real HTTP server on
// 127.0.0.1 with every other request failing: the page must work offline, list every operation
// of the spec and every webhook, and show an operation's and a webhook's example when opened.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDereferencedSpec, specOperations } from "@test/support";
import { launchOfflineChromium, type OfflineChromium } from "@test/support/chromium";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningDocsServer, serveDocs } from "../src/docs-server.js";

/** The bundled spec the page was built from. */
const spec = await readDereferencedSpec();
const artifactsDir = fileURLToPath(new URL("../artifacts/", import.meta.url));

interface Operation {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  tag: string;
  responseExample: unknown;
}

const operations: Operation[] = specOperations(spec).map(({ method, path, operationId, operation }) => {
  const ok = operation.responses?.["200"] ?? operation.responses?.["201"];
  const examples = ok?.content?.["application/json"]?.examples;
  return {
    operationId,
    summary: operation.summary,
    method,
    path,
    tag: operation.tags[0],
    responseExample: examples ? Object.values<any>(examples)[0]?.value : undefined,
  };
});

/** The values of an operation's `Version` header (the spec is dereferenced: no `$ref` to follow). */
function versionValues(operation: any, pathItem: any): string[] {
  const parameters: any[] = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
  return parameters.find((parameter) => parameter.in === "header" && parameter.name === "Version")?.schema.enum ?? [];
}

/** For each set of Version values that operations accept, the first operation that accepts it. */
const versionExamples = [
  ...new Map(
    specOperations(spec).map(({ operationId, operation, pathItem }) => {
      const versions = versionValues(operation, pathItem);
      return [versions.join(","), { operationId, tag: operation.tags[0] as string, versions }] as const;
    }),
  ).values(),
];

interface Webhook {
  name: string;
  operationId: string;
  summary: string;
  tag: string;
  requestExample: unknown;
}

/** The spec's webhooks (what HighLevel POSTs to you), each with the first example of its payload. */
const webhooks: Webhook[] = Object.entries<any>(spec.webhooks ?? {}).map(([name, item]) => ({
  name,
  operationId: item.post.operationId,
  summary: item.post.summary,
  tag: item.post.tags[0],
  requestExample: Object.values<any>(item.post.requestBody.content["application/json"].examples ?? {})[0]?.value,
}));

/** Every string in an example, as the JSON viewer prints it. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** The operations the sidebar lists, after opening each tag's group: operationId -> item text. */
async function sidebarOperations(page: Page, tags: string[]): Promise<Map<string, string>> {
  const listed = new Map<string, string>();
  for (const tag of tags) {
    await page.locator(".menu-item-type-group", { hasText: tag }).first().locator("a").first().click();
    const items = await page.$$eval(".menu-item-type-operation a[href]", (links) =>
      links.map((link) => [link.getAttribute("href") ?? "", link.textContent ?? ""] as const),
    );
    for (const [href, text] of items) listed.set(href.split("/").pop() ?? href, text);
  }
  return listed;
}

describe("the API reference in headless Chromium, offline", () => {
  let docs: RunningDocsServer | undefined;
  let chromium: OfflineChromium | undefined;
  let opening: Promise<Page> | undefined;

  // Opened by the first test rather than in beforeAll, so that a missing Chromium fails every
  // test with its message (a failing beforeAll only marks them skipped).
  function openPage(): Promise<Page> {
    opening ??= (async () => {
      docs = await serveDocs();
      chromium = await launchOfflineChromium();
      const page = await chromium.context.newPage();
      // Fail a step with its own message well before the test times out.
      page.setDefaultTimeout(10_000);
      await page.goto(docs.url);
      await page.locator(".menu-item-type-group").first().waitFor();
      return page;
    })();
    return opening;
  }

  afterAll(async () => {
    await chromium?.close();
    await docs?.stop();
  });

  it("renders the spec's title and version from the page alone", async () => {
    const page = await openPage();
    expect(await page.title()).toBe(spec.info.title);
    await page.getByRole("heading", { name: `${spec.info.title} (${spec.info.version})` }).waitFor({ timeout: 10_000 });
    // Whatever the page tried to fetch from elsewhere failed; it rendered without it.
    for (const url of chromium?.blockedRequests ?? []) expect(new URL(url).hostname).not.toBe("127.0.0.1");
  });

  it("lists every operation of the spec in the sidebar, by summary and method", async () => {
    const page = await openPage();
    expect(operations.length).toBeGreaterThan(0);
    const listed = await sidebarOperations(page, [...new Set(operations.map((operation) => operation.tag))]);
    for (const operation of operations) {
      const text = listed.get(operation.operationId);
      expect(text, `${operation.method.toUpperCase()} ${operation.path} (${operation.operationId}) is not listed`).toBeDefined();
      expect(text?.toLowerCase()).toContain(operation.summary.toLowerCase());
      expect(text?.toLowerCase()).toContain(operation.method);
    }
    expect([...listed.keys()].sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  it("shows both API versions: in the introduction, and the Version values each operation accepts", async () => {
    const page = await openPage();
    // 2021-07-28 is accepted beside both versions, as production does (spec/DEVIATIONS.md, version-2021-07-28).
    expect(versionExamples.map((example) => example.versions.join(",")).sort()).toEqual(["2021-04-15", "2021-04-15,v3,2021-07-28", "v3"]);
    await page.goto(docs?.url ?? "");
    const intro = await page.locator("main").first().innerText();
    expect(intro).toContain("This one description covers both API versions");
    for (const { operationId, tag, versions } of versionExamples) {
      // Sections render as they come into view: go to the operation, then read its Version header row.
      await page.goto(`${docs?.url}#/${tag.toLowerCase().replaceAll(" ", "-")}/${operationId}`);
      const row = page.locator(`[id$="/${operationId}/t=request&in=headers&path=version"]`).first();
      await row.waitFor({ timeout: 10_000 });
      const text = await row.innerText();
      const listed = [...(text.split(/\n(?:Enum|Value):\n/)[1] ?? "").matchAll(/^"([^"]+)"$/gm)].map((match) => match[1]);
      expect(listed, `${operationId}: ${text}`).toEqual(versions);
    }
  });

  it("opens an operation and shows its response example", async () => {
    const page = await openPage();
    const operation = operations.find((candidate) => stringLeaves(candidate.responseExample).length > 0);
    if (!operation) throw new Error("no operation of the spec has a JSON response example with a string in it");

    // Click it in its tag's list of operations, as a reader of the overview would.
    await page.goto(docs?.url ?? "");
    await page.locator(`[data-testid='items-navigation-list'] a[href$="/${operation.operationId}"]`).first().click();
    await page.waitForURL(new RegExp(`${operation.operationId}$`));
    await page.locator("h1, h2", { hasText: operation.summary }).first().waitFor({ timeout: 10_000 });

    // The response sample: the innermost block holding both a JSON viewer and its "Expand all" button.
    const viewer = page.locator("[data-component-name='JsonViewer/JsonViewer']");
    const expandAll = page.getByRole("button", { name: "Expand all" });
    // (Held as a handle: once expanded, its button says "Collapse all" and the locator would not match.)
    const sample = await page.locator("div").filter({ has: viewer }).filter({ has: expandAll }).last().elementHandle();
    if (!sample) throw new Error("the opened operation shows no response sample");
    const expandButton = await sample.$("button[aria-label='Expand all']");
    if (!expandButton) throw new Error("the response sample has no Expand all button");
    await expandButton.click();
    const shown = await sample.$eval("[data-component-name='JsonViewer/JsonViewer']", (element) => (element as HTMLElement).innerText);
    for (const value of stringLeaves(operation.responseExample)) expect(shown).toContain(JSON.stringify(value));

    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: `${artifactsDir}api-reference.png` });
  });

  it("lists every webhook of the spec in the sidebar, by name, under its tag", async () => {
    const page = await openPage();
    expect(webhooks.length).toBeGreaterThan(0);
    await page.goto(docs?.url ?? "");
    await page.locator(".menu-item-type-group").first().waitFor();
    const listed = await sidebarOperations(page, [...new Set(webhooks.map((webhook) => webhook.tag))]);
    for (const webhook of webhooks) {
      const text = listed.get(webhook.operationId);
      expect(text, `the ${webhook.name} webhook (${webhook.operationId}) is not listed`).toBeDefined();
      expect(text).toContain(webhook.name);
      expect(text?.toLowerCase()).toContain("post");
    }
  });

  it("opens a webhook and shows its payload example", async () => {
    const page = await openPage();
    const webhook = webhooks.find((candidate) => candidate.name === "InboundMessage") ?? webhooks[0];
    if (!webhook) throw new Error("the spec has no webhooks");
    await page.goto(docs?.url ?? "");
    await page.locator(".menu-item-type-group", { hasText: webhook.tag }).first().locator("a").first().click();
    await page.locator(`.menu-item-type-operation a[href$="/webhooks/${webhook.operationId}"]`).first().click();
    await page.waitForURL(new RegExp(`${webhook.operationId}$`));
    await page.locator("h1, h2", { hasText: webhook.summary }).first().waitFor({ timeout: 10_000 });
    const viewer = page.locator("[data-component-name='JsonViewer/JsonViewer']").first();
    await viewer.waitFor();
    const shown = await viewer.innerText();
    for (const value of stringLeaves(webhook.requestExample)) expect(shown).toContain(JSON.stringify(value));
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: `${artifactsDir}webhook.png` });
  });
});
