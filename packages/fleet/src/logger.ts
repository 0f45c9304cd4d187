// The same logger shape as the client's `logger` option (console, pino, winston, ... all fit), so
// one logger serves both. Silent by default.

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
