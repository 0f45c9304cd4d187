// Prism's `Prefer: code=<status>[, example=<name>]`: answers the response the spec documents for
// that status, with its example, instead of the state's answer. It lets a suite written for Prism
// select documented error responses from the fake too.
import type { OperationSpec } from "../spec/operations.js";
import { json } from "./errors.js";

export interface Preference {
  code: number;
  example: string | undefined;
}

export function readPrefer(request: Request): Preference | undefined {
  const header = request.headers.get("prefer");
  if (!header) return undefined;
  const entries = new Map<string, string | undefined>(
    header.split(/[,;]/).map((part) => {
      const [name = "", value] = part.split("=").map((side) => side.trim());
      return [name, value];
    }),
  );
  const code = Number(entries.get("code"));
  return Number.isInteger(code) ? { code, example: entries.get("example") } : undefined;
}

/** The documented response as Prism picks it: the schema's own `examples[0]`, else the named example. */
export function preferredResponse(operation: OperationSpec, preference: Preference, rateLimitHeaders: () => Record<string, string>): Response {
  const documented = operation.responses[String(preference.code)];
  if (!documented) {
    return json(404, {
      type: "NOT_FOUND",
      title: "The server cannot find the requested content",
      status: 404,
      detail: `Requested status code ${preference.code} is not defined in the document.`,
    });
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(documented.headers)) if (header.example !== undefined) headers[name] = String(header.example);
  if (preference.code === 429) Object.assign(headers, rateLimitHeaders());
  const [type, media] = Object.entries(documented.content)[0] ?? [];
  if (!type || !media) return new Response(null, { status: preference.code, headers });
  const named = preference.example !== undefined ? media.examples[preference.example] : undefined;
  const body = named ?? media.schema.examples?.[0] ?? Object.values(media.examples)[0];
  if (type.includes("json")) return json(preference.code, body, headers);
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status: preference.code, headers: { "content-type": type, ...headers } });
}
