// `startProxy()`: Prism's proxy mode in front of a real API (the vendor's, or any server). A service
// pointed at it gets the upstream's answers as they are; each request and answer is validated
// against the bundled spec, and each violation is reported (`onViolation`, by default one line on
// stderr) with the request's method and path, never a header or a body. Prism also puts the
// violations of each answer in its `sl-violations` header. With `errors: true`, an answer that
// violates the spec becomes Prism's 500 listing the violations instead.
import { defaultSpecPath, startPrism, type RunningMock } from "./prism.js";

/** The vendor's production API, the proxy's upstream unless told. */
export const DEFAULT_UPSTREAM = "https://services.leadconnectorhq.com";

export interface ProxyViolation {
  /** The request the violation belongs to: its method (upper case) and path, without the query. */
  method: string;
  path: string;
  severity: "error" | "warning";
  /** Where, as Prism says it: `response.body.unreadCount`, `request.query`. */
  location: string;
  /** Prism's message: `Response body property unreadCount must be number`. */
  message: string;
}

export interface ProxyOptions {
  /** The API to forward to; default the vendor's production API. */
  upstream?: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** The OpenAPI file to validate against; the bundled spec when omitted. */
  specPath?: string;
  /** Answers that violate the spec become Prism's 500 listing the violations (default: passed through). */
  errors?: boolean;
  /** Each violation; default: a line on stderr. */
  onViolation?: (violation: ProxyViolation) => void;
  startTimeoutMs?: number;
}

export interface RunningProxy extends RunningMock {
  upstream: string;
  /** Every violation seen so far. */
  violations: ProxyViolation[];
}

const ANSI = /\u001b\[[0-9;]*m/g;
const RECEIVED = /\[HTTP SERVER\]\s+(\w+)\s+(\S+)\s.*Request received/;
const VIOLATION = /\[VALIDATOR\]\s+\S+\s+(error|warning)\s+Violation:\s+(\S+)\s+(.*)$/;

/** One line per violation, as the default `onViolation` prints it. */
export const formatViolation = (violation: ProxyViolation) =>
  `spec violation (${violation.severity}): ${violation.method} ${violation.path}: ${violation.location}: ${violation.message}`;

export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const upstream = (options.upstream ?? DEFAULT_UPSTREAM).replace(/\/+$/, "");
  const specPath = options.specPath ?? defaultSpecPath;
  const onViolation = options.onViolation ?? ((violation: ProxyViolation) => process.stderr.write(`${formatViolation(violation)}\n`));
  const violations: ProxyViolation[] = [];
  // Prism logs a request's line, then its violations. Under concurrent requests its lines may
  // interleave: the `sl-violations` header of each answer is the exact record.
  let current = { method: "?", path: "?" };
  let pending = "";
  const onOutput = (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const raw of lines) {
      const line = raw.replace(ANSI, "");
      const received = RECEIVED.exec(line);
      if (received) {
        current = { method: received[1]!.toUpperCase(), path: received[2]! };
        continue;
      }
      const found = VIOLATION.exec(line);
      if (!found) continue;
      const violation: ProxyViolation = { ...current, severity: found[1] as ProxyViolation["severity"], location: found[2]!, message: found[3]!.trim() };
      violations.push(violation);
      onViolation(violation);
    }
  };
  const prism = await startPrism(["proxy", specPath, upstream, ...(options.errors ? ["--errors"] : [])], {
    port: options.port,
    logLevel: "info", // the request lines are info: they say which request a violation belongs to
    startTimeoutMs: options.startTimeoutMs,
    what: `proxy ${upstream}`,
    onOutput,
  });
  return { ...prism, upstream, violations };
}
