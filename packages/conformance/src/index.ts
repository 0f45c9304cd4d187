export { runConformance, type Call, type CallOutcome, type RunDependencies } from "./run.js";
export { parseOptions, UsageError, USAGE, DEFAULT_API_VERSION, DEFAULT_MAX_REQUESTS, API_VERSIONS, type ConformanceOptions } from "./options.js";
export { formatSummary, type ConformanceReport, type OperationReport, type Outcome, type ReportedViolation } from "./report.js";
export { redact, maskString, keptHeaders, MASK, type RedactOptions } from "./redact.js";
export { writeFixture, type Fixture } from "./record.js";
export { WRITE_FLOW_MESSAGE } from "./writes.js";
