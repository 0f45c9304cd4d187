// One conformance run: every read-only operation it can reach, called with the client behind the
// fleet's rate-limit budget and a hard request count, each answer validated against the bundled
// spec (@conversations-api/validator) for the Version given; then, with --allow-writes, the write
// flow (writes.ts). Operations come from the spec; only the order of the reads and which id fills
// which parameter are known here.
import { createConversationsClient, FetchRefusedError, type ConversationsError } from "@conversations-api/client";
import { createRateLimitBudget, type FetchFunction } from "@conversations-api/fleet";
import { sharedValidator, type Validator } from "@conversations-api/validator";
import { discover, noIds, type DiscoveredIds } from "./discovery.js";
import type { ConformanceOptions } from "./options.js";
import { writeFixture, type Fixture } from "./record.js";
import { keptHeaders, maskString, redact } from "./redact.js";
import type { ConformanceReport, OperationReport } from "./report.js";
import { runWriteFlow } from "./writes.js";

export interface RunDependencies {
  /** The transport under the budget (tests pass one; default the global fetch). */
  fetch?: FetchFunction;
}

/** What a call gave back to the flow: whether it was a 2xx, and its JSON body. */
export interface CallOutcome {
  ok: boolean;
  status?: number;
  body?: unknown;
}

export type Call = (operationId: string, values: Record<string, unknown>, options?: { body?: unknown; write?: boolean }) => Promise<CallOutcome>;

/** Marks the budget's refusal so that the call is reported as not run rather than failed. */
class RequestBudgetSpent extends Error {
  override readonly name = "RequestBudgetSpent";
  readonly retryable = false;
}

const isJsonType = (type: string) => /[/+]json$/.test(type);
const isTextType = (type: string) => isJsonType(type) || type.startsWith("text/");

export async function runConformance(options: ConformanceOptions, dependencies: RunDependencies = {}): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const validator = sharedValidator(options.apiVersion);
  const { token } = options;
  let sent = 0;
  let throttled = 0;
  let last: Response | undefined;
  const headersSeen = new Set<string>();
  let latest: Record<string, string> = {};
  const transport: FetchFunction = dependencies.fetch ?? ((request, init) => globalThis.fetch(request, init));

  // Counted under the budget, so that a request the budget holds back is not counted; every attempt
  // (retries included) is one request, and none goes out past the maximum.
  const counted: FetchFunction = async (request, init) => {
    if (sent >= options.maxRequests) throw new RequestBudgetSpent(`the run's request budget (${options.maxRequests}) is spent`);
    sent++;
    const response = await transport(request, init);
    last = response.clone();
    if (response.status === 429) throttled++;
    const rateLimitHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name.startsWith("x-ratelimit-") || name === "retry-after") rateLimitHeaders[name] = value;
    });
    if (Object.keys(rateLimitHeaders).length) {
      for (const name of Object.keys(rateLimitHeaders)) headersSeen.add(name);
      latest = rateLimitHeaders;
    }
    return response;
  };
  const budget = createRateLimitBudget();
  const client = createConversationsClient({
    token,
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion as "2021-04-15",
    fetch: budget.wrapFetch(counted, { key: options.locationId }),
    maxRetries: 2,
  });

  const reports = new Map<string, OperationReport>();
  const fixtures = new Map<string, Fixture>();
  const ids = noIds();

  const reportOf = (operationId: string, write: boolean): OperationReport => {
    let report = reports.get(operationId);
    if (!report) {
      const operation = validator.operation(operationId);
      report = { operationId, method: operation?.method ?? "?", path: operation?.path ?? "?", outcome: "pass", calls: 0, statuses: [], violations: [], ...(write ? { write } : {}) };
      reports.set(operationId, report);
    }
    return report;
  };
  const skip = (operationId: string, reason: string, write = false) => {
    const report = reportOf(operationId, write);
    if (report.calls === 0 && report.outcome !== "error") Object.assign(report, { outcome: "skipped", reason });
    return { ok: false };
  };

  const call: Call = async (operationId, values, { body, write = false } = {}) => {
    const operation = validator.operation(operationId);
    if (!operation) return skip(operationId, "not in the spec", write);
    const accepted = validator.acceptedVersions(operationId);
    if (accepted && !accepted.includes(options.apiVersion)) return skip(operationId, `not in Version ${options.apiVersion}`, write);
    const params: { path: Record<string, unknown>; query: Record<string, unknown> } = { path: {}, query: {} };
    for (const parameter of validator.parameters(operationId)) {
      if (parameter.in !== "path" && parameter.in !== "query") continue;
      const value = values[parameter.name];
      if (value === undefined) {
        if (parameter.required) return skip(operationId, `needs ${parameter.name}, which no answer gave`, write);
        continue;
      }
      params[parameter.in][parameter.name] = value;
    }
    const successTypes = Object.entries<any>(operation.operation.responses ?? {})
      .filter(([status]) => status.startsWith("2"))
      .flatMap(([, response]) => Object.keys((response.$ref ? validator.spec.components?.responses?.[response.$ref.split("/").pop()] : response)?.content ?? {}));
    const binary = successTypes.length > 0 && !successTypes.some(isJsonType);

    const report = reportOf(operationId, write);
    if (report.outcome === "skipped") Object.assign(report, { outcome: "pass", reason: undefined });
    last = undefined;
    const method = (client as unknown as Record<string, (path: string, init: object) => Promise<{ error?: unknown; response: Response }>>)[operation.method]!;
    const result = await method(operation.path, { params, ...(body === undefined ? {} : { body }), ...(binary ? { parseAs: "blob" } : {}) });
    const answer = last as Response | undefined;
    if (!answer) {
      const error = result.error as ConversationsError;
      if (error instanceof FetchRefusedError && error.cause instanceof RequestBudgetSpent) return skip(operationId, `not run: ${error.cause.message}`, write);
      report.outcome = "error";
      report.reason = maskString(`${error?.name ?? "Error"}: ${error?.message ?? String(error)}`, token);
      return { ok: false };
    }
    report.calls++;
    report.statuses.push(answer.status);
    const type = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const text = isTextType(type) ? await answer.text() : undefined;
    const bytes = text === undefined ? (await answer.arrayBuffer()).byteLength : undefined;
    const violations = validator.response(operationId, { status: answer.status, headers: answer.headers, ...(text === undefined ? {} : { text }) });
    for (const { in: where, path, kind, message, expected, found } of violations) {
      if (report.violations.some((seen) => seen.status === answer.status && seen.in === where && seen.path === path && seen.kind === kind)) continue;
      report.violations.push({ status: answer.status, in: where, path, kind, message, ...(expected === undefined ? {} : { expected }), ...(found === undefined ? {} : { found }) });
    }
    let parsed: unknown;
    if (text !== undefined && isJsonType(type))
      try {
        parsed = JSON.parse(text);
      } catch {}
    // A text answer is content (masked whole); bytes are described, never kept.
    const shown = parsed !== undefined ? parsed : text !== undefined ? { content: text } : `${type || "no media type"}, ${bytes} bytes`;
    report.headers = keptHeaders(answer.headers);
    report.sample ??= redact(shown, { token, maxItems: 2 });
    if (!fixtures.has(operationId))
      fixtures.set(operationId, {
        operationId,
        method: operation.method,
        path: operation.path,
        apiVersion: options.apiVersion,
        status: answer.status,
        headers: keptHeaders(answer.headers),
        body: parsed !== undefined ? redact(parsed, { token }) : text !== undefined ? redact(text, { token }, "content") : null,
        ...(bytes !== undefined ? { bodyBytes: bytes } : {}),
      });
    const ok = answer.status >= 200 && answer.status < 300;
    if (report.violations.length) report.outcome = "fail";
    else if (!ok && report.outcome === "pass") {
      report.outcome = "error";
      report.reason = `answered ${answer.status}: the answer matches the spec, but the operation could not be checked`;
    }
    if (ok && parsed !== undefined) discover(ids, operationId, parsed);
    return { ok, status: answer.status, body: parsed };
  };

  await readEverything(call, ids, validator, options);
  if (options.allowWrites && options.contactId) await runWriteFlow(call, options.locationId, options.contactId);

  // Every read-only operation of the spec that was not reached is listed, with why.
  for (const operation of validator.operations)
    if (operation.method === "GET" && !reports.has(operation.operationId)) skip(operation.operationId, "no answer gave the ids it needs");

  if (options.recordDir) for (const fixture of fixtures.values()) await writeFixture(options.recordDir, fixture);
  const operations = [...reports.values()];
  return {
    tool: "@conversations-api/conformance",
    startedAt,
    finishedAt: new Date().toISOString(),
    baseUrl: options.baseUrl,
    locationId: options.locationId,
    apiVersion: options.apiVersion,
    allowWrites: options.allowWrites,
    requests: { max: options.maxRequests, sent },
    result: operations.every((operation) => operation.outcome === "pass" || operation.outcome === "skipped") ? "pass" : "fail",
    operations,
    rateLimit: { headersSeen: [...headersSeen].sort(), latest, throttled },
  };
}

/** The reads, in the order that discovers the ids the next ones need. */
async function readEverything(call: Call, ids: DiscoveredIds, validator: Validator, options: ConformanceOptions) {
  const locationId = options.locationId;
  const first = (list: string[]) => list[0];
  await call("search-conversation", { locationId, limit: 10 });
  await call("get-conversation", { conversationId: first(ids.conversationIds) });
  await call("export-messages-by-location", { locationId, limit: 20 });
  // get-messages on the first conversation, and on the next ones while no message was found (at most 3).
  for (const [index, conversationId] of ids.conversationIds.slice(0, 3).entries()) {
    if (index > 0 && ids.messageIds.length > 0) break;
    await call("get-messages", { conversationId, limit: 20 });
  }
  await call("get-message", { id: first(ids.messageIds) });
  // An email message's answer lists its email ids.
  if (ids.emailIds.length === 0 && ids.emailMessageIds.length > 0) await call("get-message", { id: first(ids.emailMessageIds) });
  await call("get-email-by-id", { id: first(ids.emailIds) });
  await call("get-all-custom-subtypes", { locationId });
  await call("get-contact-unsubscription-status", { locationId, contactId: first(ids.contactIds) });
  const callMessage = first(ids.callMessageIds);
  for (const operationId of ["get-message-recording", "get-message-transcription", "download-message-transcription"])
    await call(operationId, { locationId, messageId: callMessage });
  // Any other read-only operation of the spec, with what was found.
  const known = { locationId, conversationId: first(ids.conversationIds), contactId: first(ids.contactIds), messageId: first(ids.messageIds) };
  const called = new Set(["search-conversation", "get-conversation", "export-messages-by-location", "get-messages", "get-message", "get-email-by-id", "get-all-custom-subtypes", "get-contact-unsubscription-status", "get-message-recording", "get-message-transcription", "download-message-transcription"]);
  for (const operation of validator.operations) if (operation.method === "GET" && !called.has(operation.operationId)) await call(operation.operationId, known);
}
