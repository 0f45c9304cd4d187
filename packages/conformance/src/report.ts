// The report: per operation, pass or the violations with their JSON paths; the rate-limit headers
// seen; redacted samples. `formatSummary` is what a person reads; the JSON is for machines.

/** One fault of an answer, as the validator names it (never a value). */
export interface ReportedViolation {
  status?: number | undefined;
  in: string;
  path: string;
  kind: string;
  message: string;
  expected?: string | undefined;
  found?: string | undefined;
}

export type Outcome = "pass" | "fail" | "error" | "skipped";

export interface OperationReport {
  operationId: string;
  method: string;
  /** The path template, `/conversations/{conversationId}`. */
  path: string;
  /** pass: every answer matched; fail: one did not; error: no answer could be checked (a connection failure, a non-2xx answer to a read); skipped: not called. */
  outcome: Outcome;
  /** Why it was skipped or could not be checked. */
  reason?: string;
  /** Part of the write flow (--allow-writes). */
  write?: boolean;
  calls: number;
  statuses: number[];
  violations: ReportedViolation[];
  /** The media type and rate-limit headers of the last answer. */
  headers?: Record<string, string>;
  /** The first answer's body, redacted (arrays cut to two items). */
  sample?: unknown;
}

export interface ConformanceReport {
  tool: "@conversations-api/conformance";
  startedAt: string;
  finishedAt: string;
  baseUrl: string;
  locationId: string;
  apiVersion: string;
  allowWrites: boolean;
  requests: { max: number; sent: number };
  result: "pass" | "fail";
  operations: OperationReport[];
  rateLimit: {
    /** Every rate-limit header name seen, lower case. */
    headersSeen: string[];
    /** The values of the last answer that carried them. */
    latest: Record<string, string>;
    /** 429 answers received (and waited out). */
    throttled: number;
  };
}

const LABEL: Record<Outcome, string> = { pass: "PASS ", fail: "FAIL ", error: "ERROR", skipped: "SKIP " };

/** The readable summary: one line per operation, one indented line per violation. */
export function formatSummary(report: ConformanceReport): string {
  const lines = [
    `Conformance of ${report.baseUrl} (Version ${report.apiVersion}), location ${report.locationId}: ${report.requests.sent} of at most ${report.requests.max} requests${report.allowWrites ? ", writes allowed" : ", read-only"}`,
    "",
  ];
  const width = Math.max(...report.operations.map((operation) => operation.operationId.length), 10);
  for (const operation of report.operations) {
    const statuses = operation.statuses.length ? ` -> ${[...new Set(operation.statuses)].join(", ")}` : "";
    const why = operation.reason ? `  (${operation.reason})` : "";
    lines.push(`  ${LABEL[operation.outcome]}  ${operation.operationId.padEnd(width)}  ${operation.method} ${operation.path}${statuses}${why}`);
    for (const violation of operation.violations) {
      const types = violation.expected !== undefined ? ` (expected ${violation.expected}, found ${violation.found ?? "?"})` : "";
      const where = violation.in === "status" ? "status" : `${violation.in} ${violation.path}`;
      lines.push(`          ${violation.status ?? ""} ${where}: ${violation.message}${types}`);
    }
  }
  const { rateLimit } = report;
  lines.push("");
  lines.push(
    rateLimit.headersSeen.length
      ? `Rate-limit headers seen: ${rateLimit.headersSeen.join(", ")}; last: ${Object.entries(rateLimit.latest).map(([name, value]) => `${name}=${value}`).join(" ")}${rateLimit.throttled ? `; ${rateLimit.throttled} answers were 429` : ""}`
      : "Rate-limit headers seen: none",
  );
  const count = (outcome: Outcome) => report.operations.filter((operation) => operation.outcome === outcome).length;
  lines.push(
    report.result === "pass"
      ? `Result: every answer matches the spec (${count("pass")} operations passed, ${count("skipped")} skipped).`
      : `Result: ${count("fail")} operations do not match the spec, ${count("error")} could not be checked (${count("pass")} passed, ${count("skipped")} skipped).`,
  );
  return lines.join("\n");
}
