// `validate: true`: the payload against the spec's schema of its webhook, with the repository's one
// validator (@conversations-api/validator: Ajv 2020-12 over the bundled spec artifact).
// Imported on first use only, so that verification alone loads neither Ajv nor the spec.
import { sharedValidator, SpecLookupError, type Violation } from "@conversations-api/validator";
import { PayloadValidationError, WebhookConfigurationError } from "./errors.js";
import type { WebhookName } from "./events.js";

/** Throws PayloadValidationError, naming the field, unless `payload` matches the spec's schema of `name`. */
export function validatePayload(name: WebhookName, payload: unknown): void {
  let violations: Violation[];
  try {
    violations = sharedValidator().webhook(name, payload);
  } catch (error) {
    if (error instanceof SpecLookupError) throw new WebhookConfigurationError(`the bundled spec has no schema for the ${name} webhook`);
    throw error;
  }
  if (violations.length === 0) return;
  const problems = violations.map((violation) => ({ field: fieldPath(violation.segments), message: violation.message }));
  throw new PayloadValidationError(name, problems[0]?.field ?? "", problems);
}

/** `["webhookPayload", "delivery-status", "code"]` -> `webhookPayload.delivery-status.code`; `["to", "0"]` -> `to[0]`. */
function fieldPath(segments: readonly string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
}
