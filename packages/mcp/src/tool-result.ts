// What a tool call answers: the data as structured content (and as text, for clients that read
// only text), or an error the model can read (isError), never a protocol failure. Every string
// passes the redactor.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Redact } from "./redact.js";

export function dataResult(data: unknown, redact: Redact): CallToolResult {
  const text = redact(JSON.stringify(data));
  const structured = JSON.parse(text) as Record<string, unknown>;
  return { content: [{ type: "text", text }], structuredContent: structured };
}

export function errorResult(message: string, redact: Redact): CallToolResult {
  return { content: [{ type: "text", text: redact(message) }], isError: true };
}
