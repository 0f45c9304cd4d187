// What the validator reports: one Violation per place at fault, named by a JSON path (`$.a.b[0]`)
// inside the part of the message it is in (`in`), with the JSON types expected and found. A
// Violation never holds a value of the message, only its shape: it can go into a log or a report.
import type { ErrorObject } from "ajv";

export type ViolationLocation = "body" | "header" | "query" | "path" | "status" | "operation";

export interface Violation {
  /** The operation answered or called (`search-conversation`); absent for a webhook or a bare schema. */
  operationId?: string;
  /** The HTTP status of the response checked. */
  status?: number;
  /** Where the fault is: the body, a header, a parameter, the status itself. */
  in: ViolationLocation;
  /** JSON path inside `in`: `$` is the whole body, `$.conversations[0].id` a field, `$['x-ratelimit-limit']` a header. */
  path: string;
  /** The same path as a list of keys (`["conversations", "0", "id"]`), for code that walks to it. */
  segments: string[];
  /**
   * What is wrong, as the JSON Schema keyword that failed (`type`, `required`, `enum`,
   * `additionalProperties`, `format`, ...) or one of the validator's own: `status` (undocumented),
   * `content-type`, `json` (not JSON), `version` (the operation does not accept that `Version`),
   * `operation` (no such operation).
   */
  kind: string;
  /** Readable, without values: `must be string`, `is required`, `status 418 is not documented (200, 400, 401, 429)`. */
  message: string;
  /** The JSON type(s) or status(es) the spec expects, when it says: `string`, `integer or null`. */
  expected?: string;
  /** The JSON type found (`number`, `object`, `missing`), never the value. */
  found?: string;
  /** For `enum`: the spec's allowed values (the spec's, not the message's). */
  allowed?: unknown[];
}

/** The JSON type of a value: `null`, `array`, `integer`, `number`, `string`, `boolean`, `object`, `missing`. */
export function jsonType(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** `["conversations", "0", "id"]` -> `$.conversations[0].id`; a key that is not an identifier -> `$['x-y']`. */
export function jsonPath(segments: readonly string[]): string {
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `${path}.${segment}` : `${path}['${segment.replace(/'/g, "\\'")}']`,
    "$",
  );
}

const segmentsOf = (instancePath: string) =>
  instancePath === "" ? [] : instancePath.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));

/** Ajv's errors (verbose: each carries the data it judged) as Violations: one per path, alternatives merged. */
export function violationsOf(errors: readonly ErrorObject[], location: ViolationLocation, context: { operationId?: string; status?: number }): Violation[] {
  const byPath = new Map<string, Violation>();
  for (const error of errors) {
    const segments = segmentsOf(error.instancePath);
    const params = error.params as Record<string, any>;
    let violation: Omit<Violation, "path" | "in" | "segments">;
    switch (error.keyword) {
      case "required":
        segments.push(String(params.missingProperty));
        violation = { kind: "required", message: "is required", found: "missing" };
        break;
      case "additionalProperties":
      case "unevaluatedProperties": {
        const property = String(params.additionalProperty ?? params.unevaluatedProperty);
        segments.push(property);
        violation = { kind: error.keyword, message: "is not a property the schema allows", found: jsonType((error.data as any)?.[property]) };
        break;
      }
      case "type": {
        const expected = [params.type].flat().join(" or ");
        violation = { kind: "type", message: `must be ${expected}`, expected, found: jsonType(error.data) };
        break;
      }
      case "enum":
        violation = { kind: "enum", message: "must be one of the allowed values", allowed: params.allowedValues, found: jsonType(error.data) };
        break;
      default:
        violation = { kind: error.keyword, message: error.message ?? `fails ${error.keyword}`, found: jsonType(error.data) };
    }
    const path = jsonPath(segments);
    const previous = byPath.get(path);
    if (!previous) {
      byPath.set(path, { ...context, in: location, path, segments, ...violation });
    } else if (previous.kind === "type" && violation.kind === "type" && violation.expected && !previous.expected!.split(" or ").includes(violation.expected)) {
      // The branches of an `anyOf` (a string or an array): one violation naming both.
      previous.expected = `${previous.expected} or ${violation.expected}`;
      previous.message = `must be ${previous.expected}`;
    } else if (isCombinator(previous.kind) && !isCombinator(violation.kind)) {
      byPath.set(path, { ...context, in: location, path, segments, ...violation });
    }
  }
  // An `anyOf`/`oneOf`/`if` failure says less than the failures under it: keep it only alone.
  const paths = [...byPath.keys()];
  return [...byPath.values()].filter(
    (violation) => !isCombinator(violation.kind) || !paths.some((path) => path !== violation.path && isUnder(byPath.get(path)!.segments, violation.segments)) && violation.kind !== "if",
  );
}

const isCombinator = (kind: string) => kind === "anyOf" || kind === "oneOf" || kind === "if";
const isUnder = (segments: string[], parent: string[]) => segments.length > parent.length && parent.every((segment, i) => segments[i] === segment);
