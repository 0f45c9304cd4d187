// Code mode's two tools: search_docs (the spec's operations, parameters, schemas and deviations,
// with the client call's signature) and run_code (a snippet against the typed client, in QuickJS).
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { callSignatures } from "../code-docs.gen.js";
import type { ServerContext } from "../context.js";
import { errorResult } from "../tool-result.js";
import { createRunBridge } from "./bridge.js";
import { searchDocs } from "./docs-search.js";
import { describeLimit } from "./limits.js";
import { runInSandbox } from "./sandbox.js";
import { SnippetSyntaxError, transpileSnippet } from "./transpile.js";

export const RUN_CODE = "run_code";
export const SEARCH_DOCS = "search_docs";

function runCodeDescription(context: ServerContext): string {
  const { timeoutMs, memoryBytes, maxApiCalls, maxResultBytes } = context.codeLimits;
  return [
    "Runs a TypeScript or JavaScript snippet against the HighLevel Conversations API client and returns the JSON value the snippet returns. Only that value reaches you: filter, join and summarise inside the snippet instead of reading whole pages.",
    "The snippet is the body of an async function: use `await`, end with `return <JSON value>`. `client` is in scope; `console.log` output comes back beside the value. No fetch, timers, require/import, fs or process: the client is the only way out.",
    `Calls answer { data } or { error: { status?, message } } (they do not throw); the iterators throw on an error. ${context.gateway.allowWrites ? "Writes are allowed." : "Read-only: write calls answer an error."}${context.options.locations?.length ? ` Only locations ${context.options.locations.join(", ")}.` : ""}`,
    `Limits per run: ${timeoutMs / 1000} s, ${Math.round(memoryBytes / 1024 / 1024)} MiB, ${maxApiCalls} API requests (every request shares the location's rate limit, 100 per 10 s), ${Math.round(maxResultBytes / 1024)} KiB of result.`,
    "Example: const out = []; for await (const c of client.searchConversations({ locationId: \"...\", status: \"unread\" })) out.push({ id: c.id, unread: c.unreadCount }); return out;",
    "The calls (search_docs has the rest: fields, parameters, how the API really behaves):",
    callSignatures,
  ].join("\n");
}

export function listCodeTools(context: ServerContext): Tool[] {
  return [
    {
      name: SEARCH_DOCS,
      title: "Search the Conversations API docs",
      description:
        "Searches the Conversations API's operations, parameters, schemas and documented deviations (what the API really answers) and returns matching excerpts with the TypeScript signature of the client call, for run_code.",
      inputSchema: {
        type: "object",
        properties: {
          query: { type: "string", minLength: 1, description: "Words to look for, e.g. \"unread conversations paging\"." },
          kind: { type: "string", enum: ["operation", "parameter", "schema", "deviation"], description: "Only entries of this kind." },
          limit: { type: "integer", minimum: 1, maximum: 20, description: "At most this many results (default 5)." },
        },
        required: ["query"],
        additionalProperties: false,
      },
      annotations: { title: "Search the docs", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: RUN_CODE,
      title: "Run code against the Conversations API",
      description: runCodeDescription(context),
      inputSchema: {
        type: "object",
        properties: { code: { type: "string", minLength: 1, description: "The body of an async function; `client` is in scope; `return` a JSON value." } },
        required: ["code"],
        additionalProperties: false,
      },
      annotations: {
        title: "Run code",
        readOnlyHint: !context.gateway.allowWrites,
        destructiveHint: context.gateway.allowWrites,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
  ];
}

export function callCodeTool(context: ServerContext, name: string, args: unknown, signal?: AbortSignal): Promise<CallToolResult> | undefined {
  if (name === SEARCH_DOCS) return Promise.resolve(searchDocsTool(context, args));
  if (name === RUN_CODE) return runCode(context, args, signal);
  return undefined;
}

function searchDocsTool(context: ServerContext, args: unknown): CallToolResult {
  const { query, kind, limit } = (args ?? {}) as { query?: unknown; kind?: unknown; limit?: unknown };
  if (typeof query !== "string" || !query.trim()) return errorResult("invalid arguments for search_docs: query: must be a non-empty string", context.redact);
  if (kind !== undefined && !["operation", "parameter", "schema", "deviation"].includes(kind as string)) {
    return errorResult("invalid arguments for search_docs: kind: must be operation, parameter, schema or deviation", context.redact);
  }
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= 20)) {
    return errorResult("invalid arguments for search_docs: limit: must be an integer from 1 to 20", context.redact);
  }
  const hits = searchDocs(query, { ...(limit ? { limit: limit as number } : {}), ...(kind ? { kind: kind as never } : {}) });
  const text = hits.length
    ? hits.map((hit) => `## ${hit.title}\n${hit.excerpt}${hit.signature ? `\n${hit.signature}` : ""}`).join("\n\n")
    : `nothing matches "${query}"`;
  return { content: [{ type: "text", text }] };
}

async function runCode(context: ServerContext, args: unknown, signal?: AbortSignal): Promise<CallToolResult> {
  const { code } = (args ?? {}) as { code?: unknown };
  if (typeof code !== "string" || !code.trim()) return errorResult("invalid arguments for run_code: code: must be a non-empty string", context.redact);
  const limits = context.codeLimits;
  let javascript: string;
  try {
    javascript = await transpileSnippet(code);
  } catch (error) {
    if (error instanceof SnippetSyntaxError) return errorResult(`the snippet does not compile: ${error.message}`, context.redact);
    throw error;
  }
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const bridge = createRunBridge(context, stop.signal);
  const started = performance.now();
  try {
    const outcome = await runInSandbox(javascript, limits, bridge.handler, stop.signal);
    stop.abort(); // ends the host calls still under way
    const took = Math.round(performance.now() - started);
    if (bridge.overLimit) return finish(errorResult(describeLimit("api-calls", limits), context.redact), "api-calls");
    if (!outcome.ok) {
      if (outcome.limit) return finish(errorResult(describeLimit(outcome.limit, limits), context.redact), outcome.limit);
      return finish(errorResult(`the snippet failed: ${outcome.message}`, context.redact), "error");
    }
    if (Buffer.byteLength(outcome.json) > limits.maxResultBytes) return finish(errorResult(describeLimit("result-size", limits), context.redact), "result-size");
    const { value, logs } = JSON.parse(outcome.json) as { value: unknown; logs: string[] };
    const content: CallToolResult["content"] = [{ type: "text", text: context.redact(JSON.stringify(value ?? null)) }];
    if (logs.length) content.push({ type: "text", text: context.redact(`console:\n${logs.join("\n")}`) });
    return finish({ content }, `ok, ${bridge.apiCalls} API requests`);

    function finish(result: CallToolResult, what: string): CallToolResult {
      context.log(`tool run_code: ${what} in ${took} ms`);
      return result;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await bridge.close();
  }
}
