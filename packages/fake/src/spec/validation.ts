// Request validation against the spec with the repository's one validator
// (@conversations-api/validator: Ajv 2020-12 on the bundled spec, compiled once per operation and
// shared by every fake). Parameters are validated with type coercion (a query string carries
// text), bodies without it. This file only words the violations as Prism does.
import { sharedValidator, type Violation as SpecViolation } from "@conversations-api/validator";
import type { OperationSpec } from "./operations.js";

/** One reason a request does not match the spec, shaped like Prism's `sl-violations` entries. */
export interface Violation {
  location: string[];
  code: string;
  message: string;
}

type Location = "path" | "query" | "header";

const LABELS: Record<Location | "body", string> = {
  path: "Request path",
  query: "Request query",
  header: "Request header",
  body: "Request body",
};

function describe(where: Location | "body", violation: SpecViolation): Violation {
  const { segments } = violation;
  if (violation.kind === "required") {
    const parents = segments.slice(0, -1);
    const missing = segments[segments.length - 1];
    const parent = parents.length ? ` property ${parents.join(".")}` : "";
    return { location: ["request", where, ...parents], code: "required", message: `${LABELS[where]}${parent} must have required property '${missing}'` };
  }
  const location = ["request", where, ...segments];
  const message = violation.kind === "enum" ? `must be equal to one of the allowed values: ${(violation.allowed ?? []).join(", ")}` : violation.message;
  const subject =
    where === "body"
      ? `${LABELS.body}${segments.length ? ` property ${segments.join(".")}` : ""}`
      : `${LABELS[where]} parameter ${segments.join(".")}`;
  return { location, code: violation.kind, message: `${subject} ${message}` };
}

/** Validates (and, for parameters, coerces in place) one part of a request. */
export function validateParameters(operation: OperationSpec, location: Location, values: Record<string, unknown>): Violation[] {
  return sharedValidator().requestParameters(operation.operationId, location, values).map((violation) => describe(location, violation));
}

export function validateBody(operation: OperationSpec, mediaType: string, body: unknown): Violation[] {
  return sharedValidator().requestBody(operation.operationId, mediaType, body).map((violation) => describe("body", violation));
}
