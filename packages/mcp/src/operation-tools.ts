// tools/list and tools/call for the per-operation tools (operations.gen.ts), with annotations from
// the HTTP method.
import type { CallToolResult, Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "./context.js";
import type { OperationTool } from "./operation-tool.js";
import { dataResult, errorResult } from "./tool-result.js";

/** GET reads; PUT overwrites (destructive, idempotent); DELETE removes (destructive, idempotent); POST adds. */
export function annotationsOf(tool: OperationTool): ToolAnnotations {
  return {
    title: tool.title,
    readOnlyHint: tool.method === "GET",
    destructiveHint: tool.method === "PUT" || tool.method === "DELETE",
    idempotentHint: tool.method !== "POST",
    openWorldHint: true,
  };
}

export function listOperationTools(context: ServerContext): Tool[] {
  return context.gateway.served.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: annotationsOf(tool),
  }));
}

export async function callOperationTool(context: ServerContext, tool: OperationTool, args: unknown, signal?: AbortSignal): Promise<CallToolResult> {
  const started = performance.now();
  const outcome = await context.gateway.call(tool, args, signal);
  context.log(`tool ${tool.name}: ${outcome.ok ? "ok" : `error (${outcome.kind})`} in ${Math.round(performance.now() - started)} ms`);
  return outcome.ok ? dataResult(outcome.data, context.redact) : errorResult(outcome.message, context.redact);
}
