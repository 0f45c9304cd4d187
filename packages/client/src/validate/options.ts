import type { Log } from "../core/logger.js";
import type { ApiVersion } from "@conversations-api/types";
import type { HttpOptions } from "../core/http.js";
import type { RawResult } from "../core/request.js";

// The types of the `validateResponses` option. The core imports only these types from this folder:
// index.ts, the `@conversations-api/client/validate` entry, is what a user imports to turn it on.

/** One answer that does not match the bundled spec, as `onDrift` gets it: no token, header value or body value. */
export interface DriftReport {
  /** The request's method, `GET`. */
  method: string;
  /** The path template the call named, `/conversations/{conversationId}` (never the filled-in path). */
  path: string;
  /** The spec's operationId, `get-conversation`. */
  operationId: string;
  /** The `Version` the call sent. */
  apiVersion: string;
  /** The answer's status. */
  status: number;
  /**
   * What does not match: where (`body`, `header`, `status`), the JSON path (`$.messages[0].direction`),
   * the kind (`type`, `required`, `enum`, `status`, `content-type`, ...), a message, and the JSON
   * types expected and found.
   */
  violation: {
    in: string;
    path: string;
    kind: string;
    message: string;
    expected?: string;
    found?: string;
  };
}

export interface ValidateResponsesOptions {
  /** The share of answers checked, 0 to 1 (default 1: every answer). */
  sample?: number;
  /**
   * Called once per process for each distinct drift (operation + JSON path + kind). Default: one
   * `warn` line through the client's logger (console when the client has none).
   */
  onDrift?: (report: DriftReport) => void;
}

/** How the client sends a call: method, path template, options (with the call's `apiVersion`). */
export type Send = (method: string, path: string, init?: HttpOptions & { apiVersion?: ApiVersion }) => Promise<RawResult>;

/**
 * The `validateResponses` option: given the client's way of sending, its API version and its log,
 * the way to send with validation. `validateResponses(options)` from
 * `@conversations-api/client/validate` makes one; what it returns must never delay or fail a call.
 */
export type ValidateResponses = (send: Send, apiVersion: ApiVersion, log: Log | undefined) => Send;
