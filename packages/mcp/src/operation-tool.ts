// The shape of the generated tool list (operations.gen.ts): what the server needs to list a tool
// and to turn its arguments into a client call.

/** A JSON Schema object, as tools/list carries it. */
export type JsonSchema = { [key: string]: unknown };

export interface OperationTool {
  /** The tool's name: the operationId, made safe for clients (at most 60 characters). */
  name: string;
  operationId: string;
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** The spec's path template, as the client's methods take it. */
  path: string;
  title: string;
  description: string;
  /** A GET: served without --allow-writes. */
  readOnly: boolean;
  /** Which top-level arguments are path and query parameters (the rest: `body`, `apiVersion`). */
  parameters: { name: string; in: "path" | "query" }[];
  hasBody: boolean;
  /** The Version header values the operation accepts. */
  versions: string[];
  inputSchema: JsonSchema & { type: "object" };
  outputSchema: JsonSchema & { type: "object" };
}

/** An operation of the spec that is not a tool, and why. */
export interface ExcludedOperation {
  operationId: string;
  method: string;
  path: string;
  reason: string;
  /** The success answer's media type, for those served as resources. */
  mediaType?: string;
}
