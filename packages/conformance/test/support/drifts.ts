// Off-spec answers made from the spec itself, so that the cases follow the spec when it changes:
// for an operation, a required field of its 200 answer with the wrong type, or missing.
import { sharedValidator } from "@conversations-api/validator";

const validator = sharedValidator();
const spec = validator.spec as any;

const deref = (node: any): any => {
  while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((at: any, key: string) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  return node;
};

/** The required top-level fields of an operation's 200 JSON answer, with their declared type. */
export function requiredFields(operationId: string): { name: string; type: string | undefined }[] {
  const operation = validator.operation(operationId);
  const schema = deref(deref(operation?.operation.responses?.["200"])?.content?.["application/json"]?.schema);
  return (schema?.required ?? []).map((name: string) => ({ name, type: deref(schema.properties?.[name])?.type }));
}

/** The first of `operationIds` with a required field of a plain type, and that field. */
export function firstWithRequiredField(operationIds: string[], types = ["string", "boolean", "number", "integer", "object", "array"]) {
  for (const operationId of operationIds) {
    const field = requiredFields(operationId).find((candidate) => candidate.type !== undefined && types.includes(candidate.type));
    if (field) return { operationId, field };
  }
  throw new Error(`none of ${operationIds.join(", ")} has a required field of type ${types.join("/")} in its 200 answer`);
}

/** A value of another JSON type than `type`. */
export const wrongValueFor = (type: string | undefined): unknown => (type === "number" || type === "integer" ? "not a number" : type === "array" ? {} : 12345);
