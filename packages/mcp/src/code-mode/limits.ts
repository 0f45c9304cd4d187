// run_code's limits. Each exceeded limit ends the run with a tool error that names it.

export interface CodeLimits {
  /** Wall time of a run, host calls included (ms). Default 30 000. */
  timeoutMs: number;
  /** The sandbox's heap (bytes). Default 64 MiB. */
  memoryBytes: number;
  /** HTTP requests to the API per run (retries and iterator pages count). Default 300. */
  maxApiCalls: number;
  /** The JSON the snippet returns, with its console output (bytes). Default 64 KiB. */
  maxResultBytes: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = {
  timeoutMs: 30_000,
  memoryBytes: 64 * 1024 * 1024,
  maxApiCalls: 300,
  maxResultBytes: 64 * 1024,
};

export type LimitName = "wall-time" | "memory" | "api-calls" | "result-size";

export function describeLimit(name: LimitName, limits: CodeLimits): string {
  switch (name) {
    case "wall-time":
      return `wall-time limit exceeded: the snippet ran longer than ${limits.timeoutMs} ms`;
    case "memory":
      return `memory limit exceeded: the snippet used more than ${Math.round(limits.memoryBytes / 1024 / 1024)} MiB`;
    case "api-calls":
      return `API-call limit exceeded: the snippet made more than ${limits.maxApiCalls} API requests`;
    case "result-size":
      return `result-size limit exceeded: the returned JSON is larger than ${limits.maxResultBytes} bytes; return less (filter, pick fields, count)`;
  }
}
