import { expect } from "vitest";
import { InvalidRequestError } from "../../src/index.js";

// What a typed error body says its status is: the vendor's error DTOs carry `statusCode`, the upload
// error DTO carries `status`.
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const body = error as { statusCode?: unknown; status?: unknown };
  const status = body.statusCode ?? body.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * A call with an empty path parameter: the client refuses it before anything is sent (an empty
 * segment would send the request to another resource), with an InvalidRequestError naming it.
 */
export function expectRefusedPath(result: { data?: unknown; error?: unknown; response: Response }, parameter: string) {
  expect(result.data).toBeUndefined();
  expect(result.error).toBeInstanceOf(InvalidRequestError);
  expect((result.error as InvalidRequestError).message).toContain(`path parameter ${parameter} is ""`);
  expect(result.response.status).toBe(0);
}
