/** Where the SDK's debug lines go. Tokens are removed before a line reaches it. */
export interface Logger {
  /** One debug line, secrets already masked. */
  debug(message: string, details?: Record<string, unknown>): void;
}

const consoleLogger: Logger = {
  debug(message, details) {
    if (details) console.debug(`[synapse] ${message}`, details);
    else console.debug(`[synapse] ${message}`);
  },
};

/** The logger in force: the caller's, else console output when `SYNAPSE_DEBUG=1`, else none. */
export function resolveLogger(logger: Logger | undefined, debugFromEnv: boolean): Logger | undefined {
  if (logger) return logger;
  return debugFromEnv ? consoleLogger : undefined;
}
