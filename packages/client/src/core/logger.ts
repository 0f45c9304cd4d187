// A pluggable logger with levels. Silent unless the caller passes a logger or a level; every line
// goes through `redact` so that a token never reaches a log.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Any object with these methods works: `console`, pino, winston, ... */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type Log = (level: Exclude<LogLevel, "silent">, message: string) => void;

const RANK = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;

export function createLog(
  logger: Logger | undefined,
  level: LogLevel | undefined,
  redact: (text: string) => string,
): Log | undefined {
  const threshold = RANK[level ?? (logger ? "info" : "silent")];
  if (threshold === RANK.silent) return undefined;
  const target = logger ?? console;
  return (at, message) => RANK[at] < threshold || target[at](redact(message));
}
