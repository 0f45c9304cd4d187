// One searchable piece of code mode's documentation (code-docs.gen.ts).
export interface DocEntry {
  kind: "operation" | "parameter" | "schema" | "deviation";
  /** operationId, operationId.parameter, schema name, or deviation id. */
  id: string;
  title: string;
  text: string;
  /** The TypeScript signature of the client call (or the schema's type); empty for a deviation. */
  signature: string;
}
