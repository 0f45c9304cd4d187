// Request validation against the spec with Ajv's JSON Schema 2020-12 dialect (the spec's
// `jsonSchemaDialect`). Parameters are validated with type coercion (a query string carries
// text), bodies without it. Validators are compiled once per operation and shared by every fake.
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type OperationSpec, spec } from "./operations.js";

/** One reason a request does not match the spec, shaped like Prism's `sl-violations` entries. */
export interface Violation {
  location: string[];
  code: string;
  message: string;
}

type Location = "path" | "query" | "header";

interface OperationValidators {
  parameters: Partial<Record<Location, ValidateFunction>>;
  bodies: Record<string, ValidateFunction>;
}

function createAjv(coerceTypes: false | "array") {
  // strict: false because the spec carries OpenAPI keywords (example, x-*) beside JSON Schema ones.
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, coerceTypes, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(spec, "spec");
  return ajv;
}

let parameterAjv: ReturnType<typeof createAjv> | undefined;
let bodyAjv: ReturnType<typeof createAjv> | undefined;
const compiled = new Map<OperationSpec, OperationValidators>();

function validatorsOf(operation: OperationSpec): OperationValidators {
  let validators = compiled.get(operation);
  if (validators) return validators;
  parameterAjv ??= createAjv("array");
  bodyAjv ??= createAjv(false);
  validators = { parameters: {}, bodies: {} };
  for (const location of ["path", "query", "header"] as const) {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    validators.parameters[location] = parameterAjv.compile({
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, { $ref: `spec#${p.schemaPointer}` }])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    });
  }
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    validators.bodies[type] = bodyAjv.compile({ $ref: `spec#${media.schemaPointer}` });
  }
  compiled.set(operation, validators);
  return validators;
}

const LABELS: Record<Location | "body", string> = {
  path: "Request path",
  query: "Request query",
  header: "Request header",
  body: "Request body",
};

function describe(where: Location | "body", error: ErrorObject): Violation {
  const segments = error.instancePath.split("/").slice(1);
  const location = ["request", where, ...segments];
  if (error.keyword === "required") {
    const missing = String(error.params.missingProperty);
    const parent = segments.length ? ` property ${segments.join(".")}` : "";
    return { location, code: "required", message: `${LABELS[where]}${parent} must have required property '${missing}'` };
  }
  const detail = error.keyword === "enum" ? `: ${(error.params.allowedValues as unknown[]).join(", ")}` : "";
  const subject =
    where === "body"
      ? `${LABELS.body}${segments.length ? ` property ${segments.join(".")}` : ""}`
      : `${LABELS[where]} parameter ${segments.join(".")}`;
  return { location, code: error.keyword, message: `${subject} ${error.message}${detail}` };
}

/** Validates (and, for parameters, coerces in place) one part of a request. */
export function validateParameters(operation: OperationSpec, location: Location, values: Record<string, unknown>): Violation[] {
  const validate = validatorsOf(operation).parameters[location];
  if (!validate || validate(values)) return [];
  return (validate.errors ?? []).map((error) => describe(location, error));
}

export function validateBody(operation: OperationSpec, mediaType: string, body: unknown): Violation[] {
  const validate = validatorsOf(operation).bodies[mediaType];
  if (!validate || validate(body)) return [];
  return (validate.errors ?? []).map((error) => describe("body", error));
}
