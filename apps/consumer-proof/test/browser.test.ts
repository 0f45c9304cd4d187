// The client in a browser: bundled for the browser by esbuild (no Node built-ins may sneak in),
// then loaded by a page in offline headless Chromium that calls the mock across origins.
import { createServer } from "node:http";
import { listenOnLoopback, mockUrl, type LoopbackServer } from "@test/support";
import { launchOfflineChromium, type OfflineChromium } from "@test/support/chromium";
import { build, type Metafile } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const clientEntry = import.meta.resolve("@conversations-api/client").replace(/^file:\/\//, "");

async function bundleClient() {
  return build({
    entryPoints: [clientEntry],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
}

/** Serves the test page and the bundle from 127.0.0.1. */
async function servePage(bundle: string, mockUrl: string): Promise<LoopbackServer> {
  const page = `<!doctype html><meta charset="utf-8"><title>client in a browser</title>
<script type="module">
  import { createConversationsClient } from "/client.js";
  const client = createConversationsClient({ token: "browser-token", baseUrl: ${JSON.stringify(mockUrl)} });
  try {
    const { data, error, response } = await client.GET("/conversations/search", {
      params: { query: { locationId: "ABCHkzuJQ8ZMd4Te84GK", status: "unread" } },
    });
    window.result = { status: response.status, names: data?.conversations.map((c) => c.fullName), error };
  } catch (thrown) {
    window.result = { thrown: String(thrown) };
  }
</script>`;
  const server = createServer((request, response) => {
    if (request.url === "/client.js") response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else if (request.url === "/") response.writeHead(200, { "content-type": "text/html" }).end(page);
    else response.writeHead(404).end();
  });
  return listenOnLoopback(server);
}

describe("the client bundled for the browser", () => {
  it("bundles with platform browser, pulling in no Node built-in", async () => {
    const result = await bundleClient();
    expect(result.errors).toEqual([]);
    const inputs = Object.keys((result.metafile as Metafile).inputs);
    expect(inputs.some((input) => input.includes("packages/client/dist/index.js"))).toBe(true);
    const imports = Object.values((result.metafile as Metafile).inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    expect(imports.filter((path) => path.startsWith("node:") || /^(fs|path|http|https|crypto|stream|url)$/.test(path))).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/["']node:/);
  });
});

describe("the client in headless Chromium, offline", () => {
  let chromium: OfflineChromium | undefined;
  let served: LoopbackServer | undefined;
  afterAll(async () => {
    await chromium?.close();
    await served?.close();
  });

  it("searches the mock from a page on another origin and gets typed data back", async () => {
    const bundle = (await bundleClient()).outputFiles[0]?.text ?? "";
    served = await servePage(bundle, mockUrl());
    chromium = await launchOfflineChromium();
    const page = await chromium.context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${served.url}/`);
    await page.waitForFunction(() => "result" in window, undefined, { timeout: 15_000 });
    const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
    expect(pageErrors).toEqual([]);
    expect(result).toEqual({ status: 200, names: ["John Doe"] });
  });
});
