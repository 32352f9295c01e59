// The logging interface the core writes to. The Node shell backs it with pino (JSON lines); tests
// can pass a recorder. Identifiers must never be passed in: callers log ids and counts, not text.

type LogMethod = (fields: Record<string, unknown>, message?: string) => void;

export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that discards everything, for tools and tests that do not care. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
