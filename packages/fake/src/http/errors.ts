// Error answers. The body is the spec's error DTO for the status, shaped from the response schema
// the operation documents (statusCode or status, a message string or list, an error phrase), so
// a status the spec documents always answers a body that validates.
import { jsonResponseSchema, resolve, type OperationSpec } from "../spec/operations.js";
import type { Violation } from "../spec/validation.js";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const reasonPhrase = (status: number) => REASONS[status] ?? `HTTP ${status}`;

/** The API's id of a request, on every JSON body it answers, success and error: a UUID. */
export const traceId = () => crypto.randomUUID();

/** A JSON object body with the `traceId` the API puts on every one; anything else as it is. */
export function traced(body: unknown): unknown {
  return body && typeof body === "object" && !Array.isArray(body) ? { ...body, traceId: traceId() } : body;
}

/** The error DTO of `status`, shaped from the operation's schema for it, with the `traceId` the API adds. */
export function errorBody(operation: OperationSpec | undefined, status: number, messages: string[], asList = false): Record<string, unknown> {
  const properties = (operation && jsonResponseSchema(operation, status)?.properties) ?? { statusCode: {}, message: {}, error: {} };
  const body: Record<string, unknown> = {};
  if (properties.statusCode) body.statusCode = status;
  if (properties.status) body.status = status;
  if (properties.message) body.message = messageValue(properties.message, messages, asList);
  if (properties.error) body.error = reasonPhrase(status);
  body.traceId = traceId();
  return body;
}

/**
 * What the schema of `message` takes: a list, a string, or (the API's ErrorMessage) either; then
 * a list for several messages or when `asList` (validation failures, which the API lists).
 */
function messageValue(schema: Record<string, any>, messages: string[], asList: boolean): string | string[] {
  const resolved = schema.$ref ? resolve(schema, "").node : schema;
  const types = [resolved.type, ...(resolved.anyOf ?? resolved.oneOf ?? []).map((branch: { type?: unknown }) => branch.type)].flat();
  if (types.includes("array") && (asList || messages.length > 1 || !types.includes("string"))) return messages;
  return messages.join("; ");
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export function errorResponse(
  operation: OperationSpec | undefined,
  status: number,
  messages: string[],
  headers: Record<string, string> = {},
  asList = false,
): Response {
  return json(status, errorBody(operation, status, messages, asList), headers);
}

/**
 * An invalid request gets the status Prism gives (checked against Prism in
 * test/prism-parity.test.ts): 415 for an undeclared content type where the operation documents
 * 415; else 422 where it documents 422; else 400 where it documents 400; else 422. The violations
 * are in the body's message, and in Prism's `sl-violations` header for tools that read it.
 */
export function validationFailure(operation: OperationSpec, violations: Violation[], unsupportedMediaType: boolean): Response {
  const documents = (status: number) => String(status) in operation.responses;
  const status = unsupportedMediaType && documents(415) ? 415 : documents(422) ? 422 : documents(400) ? 400 : 422;
  const headers = { "sl-violations": JSON.stringify(violations.map((violation) => ({ ...violation, severity: "Error" }))) };
  return errorResponse(operation, status, violations.map((violation) => violation.message), headers, true);
}
