// `@conversations-api/client/validate`: `validateResponses(options)`, the value of the client's
// `validateResponses` option. Each sampled call's answer is checked after the caller has it (a timer
// once the call resolved: it never delays or fails the call) against the bundled spec's view of the
// Version the call sent, with @conversations-api/validator, which is imported on the first sampled
// answer: neither the client's core nor this entry load Ajv or the spec before that.
import type { Validator } from "@conversations-api/validator";
import type { Log } from "../core/logger.js";
import type { RawResult } from "../core/request.js";
import { versionHeader } from "../version-header.js";
import type { DriftReport, ValidateResponses, ValidateResponsesOptions } from "./options.js";

export type { DriftReport, Send, ValidateResponses, ValidateResponsesOptions } from "./options.js";

/** Drifts reported so far in this process, `operationId in path kind`: each is reported once. */
const reported = new Set<string>();

let validatorModule: Promise<typeof import("@conversations-api/validator")> | undefined;

/**
 * The value of the client's `validateResponses` option: `{ sample: 0..1 (default 1), onDrift }`.
 * Throws a TypeError for a sample outside 0..1.
 */
export function validateResponses(options: ValidateResponsesOptions = {}): ValidateResponses {
  const sample = options.sample ?? 1;
  if (typeof sample !== "number" || !(sample >= 0 && sample <= 1)) throw new TypeError(`validateResponses: sample must be a number from 0 to 1, not ${String(sample)}`);
  return (send, clientVersion, log) => (method, path, init) => {
    const result = send(method, path, init);
    if (sample === 1 || Math.random() < sample) {
      const version = versionHeader(method, path, clientVersion, init?.apiVersion);
      // (A call's promise never rejects, but a rejection here must not become an unhandled one.)
      result.then((raw) => void setTimeout(() => void checkLater(options, log, method, path, version, raw), 0), () => {});
    }
    return result;
  };
}

/** One line per drift, for a log: what, where and the JSON types, never a value. */
export function describeDrift(report: DriftReport): string {
  const { violation } = report;
  const types = violation.expected !== undefined ? ` (expected ${violation.expected}, found ${violation.found ?? "?"})` : "";
  const where = violation.in === "status" ? "" : ` ${violation.in} ${violation.path}`;
  return `API drift: ${report.method} ${report.path} (${report.operationId}, Version ${report.apiVersion}) answered ${report.status}:${where} ${violation.message}${types}`;
}

/** Forgets the drifts reported so far (tests; a long-running process that wants them again). */
export function resetReportedDrifts(): void {
  reported.clear();
}

async function checkLater(options: ValidateResponsesOptions, log: Log | undefined, method: string, path: string, apiVersion: string, result: RawResult) {
  try {
    validatorModule ??= import("@conversations-api/validator");
    check((await validatorModule).sharedValidator(apiVersion), options, log, method, path, apiVersion, result);
  } catch (error) {
    log?.("warn", `validateResponses: could not check ${method} ${path}: ${(error as Error)?.name ?? "error"}`);
  }
}

/** A plain JSON value (not a Blob, a stream or the text a `parseAs` asked for). */
const isJsonValue = (value: unknown) =>
  value === null || (typeof value === "object" && [Object.prototype, Array.prototype, null].includes(Object.getPrototypeOf(value)));

function check(validator: Validator, options: ValidateResponsesOptions, log: Log | undefined, method: string, path: string, apiVersion: string, result: RawResult) {
  const { response, error } = result;
  // No answer (a connection failure, a timeout), or one the client already failed (an error page, an
  // unreadable body): the caller has an error in hand, nothing to compare.
  if (response.status === 0 || error instanceof Error) return;
  const operation = validator.operations.find((candidate) => candidate.method === method && candidate.path === path);
  if (!operation) return;
  const body = error === undefined ? result.data : error;
  const violations = validator.response(operation.operationId, {
    status: response.status,
    headers: response.headers,
    // A body read as text, a Blob or a stream (`parseAs`) is the caller's: its status and headers are checked.
    ...(body === undefined || isJsonValue(body) ? { body } : {}),
  });
  const onDrift = options.onDrift ?? ((report: DriftReport) => (log ? log("warn", describeDrift(report)) : console.warn(describeDrift(report))));
  for (const { in: where, path: at, kind, message, expected, found } of violations) {
    const key = `${operation.operationId} ${where} ${at} ${kind}`;
    if (reported.has(key)) continue;
    reported.add(key);
    onDrift({
      method,
      path,
      operationId: operation.operationId,
      apiVersion,
      status: response.status,
      violation: { in: where, path: at, kind, message, ...(expected === undefined ? {} : { expected }), ...(found === undefined ? {} : { found }) },
    });
  }
}
