// `validate: true`: the payload against the spec's schema of its webhook, with Ajv (draft 2020-12,
// the spec's dialect) over the one bundled spec artifact, @conversations-api/types/openapi.json.
// Imported on first use only, so that verification alone loads neither Ajv nor the spec.
import spec from "@conversations-api/types/openapi.json" with { type: "json" };
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { PayloadValidationError, WebhookConfigurationError } from "./errors.js";
import type { WebhookName } from "./events.js";

const specId = "conversations-api:openapi.json";

// Both are CommonJS: under Node's ESM interop, what they export is the default export's `default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = ajvFormats.default;

let ajv: InstanceType<typeof Ajv2020> | undefined;
const validators = new Map<WebhookName, ValidateFunction>();

function validatorFor(name: WebhookName): ValidateFunction {
  let validator = validators.get(name);
  if (!validator) {
    if (!ajv) {
      // strict: false, because OpenAPI keywords (`x-*`, `example`) sit beside the JSON Schema ones.
      ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema(spec as object, specId);
    }
    const pointer = `#/webhooks/${name}/post/requestBody/content/application~1json/schema`;
    validator = ajv.getSchema(`${specId}${pointer}`);
    if (!validator) throw new WebhookConfigurationError(`the bundled spec has no schema for the ${name} webhook`);
    validators.set(name, validator);
  }
  return validator;
}

/** Throws PayloadValidationError, naming the field, unless `payload` matches the spec's schema of `name`. */
export function validatePayload(name: WebhookName, payload: unknown): void {
  const validator = validatorFor(name);
  if (validator(payload)) return;
  const problems = describe(validator.errors ?? []);
  throw new PayloadValidationError(name, problems[0]?.field ?? "", problems);
}

/** One problem per field, in the schema's order: an `anyOf` over a string and an array reads "must be string or array". */
function describe(errors: readonly ErrorObject[]): Array<{ field: string; message: string }> {
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf") continue;
    const missing = error.keyword === "required" ? (error.params as { missingProperty: string }).missingProperty : undefined;
    const field = fieldPath(error.instancePath, missing);
    const message = missing !== undefined ? "is required" : error.message ?? "is invalid";
    const messages = byField.get(field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: joinAlternatives(messages) }));
}

function joinAlternatives(messages: string[]): string {
  const types = messages.map((message) => /^must be (\w+)$/.exec(message)?.[1]);
  if (messages.length > 1 && types.every((type) => type !== undefined)) return `must be ${types.join(" or ")}`;
  return messages.join(", ");
}

/** `/webhookPayload/delivery-status/code` -> `webhookPayload.delivery-status.code`; `/to/0` -> `to[0]`. */
function fieldPath(instancePath: string, child?: string): string {
  const segments = instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) segments.push(child);
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
}
