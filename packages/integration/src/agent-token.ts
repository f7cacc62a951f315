import { type Logger, Redactor } from '@synapse/core';

const MASK = '[REDACTED]';

/**
 * Masks an agent token that travels as a path segment (`agents/{token}/connect/`). Core's redactor only knows the
 * client's own tokens, so this one is masked here: wherever it appears, and as the path segment whatever its length.
 */
export class PathTokenMask {
  readonly #segment: string;
  readonly #redactor: Redactor;

  constructor(token: string) {
    this.#segment = `/${encodeURIComponent(token)}/`;
    this.#redactor = new Redactor([token]);
  }

  text(value: string): string {
    return this.#redactor.text(value.split(this.#segment).join(`/${MASK}/`));
  }

  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    return JSON.parse(this.text(JSON.stringify(value))) as T;
  }

  /** Masks the token in an error in place (message, stack, url, reason, body, headers, causes), keeping its class. */
  error<E>(error: E, depth = 0): E {
    if (typeof error !== 'object' || error === null || depth > 3) return error;
    const target = error as Record<string, unknown>;
    for (const key of ['message', 'stack', 'url', 'reason', 'body', 'headers']) {
      const current = target[key];
      if (current === undefined) continue;
      Object.defineProperty(target, key, {
        value: this.value(current),
        writable: true,
        configurable: true,
        enumerable: Object.prototype.propertyIsEnumerable.call(target, key),
      });
    }
    this.error(target.cause, depth + 1);
    return error;
  }
}

const masksByConfig = new WeakMap<object, Map<string, PathTokenMask>>();

/**
 * Makes the client's debug logger mask `token` too. The logger lives in the client's transport settings, which
 * core reads on every request, so a wrapper installed once there covers this call's request lines; it keeps
 * masking the tokens it was given afterwards, which is harmless.
 */
export function maskTokenInLogs(config: { logger: Logger | undefined }, token: string): void {
  const logger = config.logger;
  if (!logger) return;
  let masks = masksByConfig.get(config);
  if (!masks) {
    const active = new Map<string, PathTokenMask>();
    masks = active;
    masksByConfig.set(config, active);
    config.logger = {
      debug(message, details) {
        let text = message;
        let extra = details;
        for (const mask of active.values()) {
          text = mask.text(text);
          extra = extra && mask.value(extra);
        }
        logger.debug(text, extra);
      },
    };
  }
  if (!masks.has(token)) masks.set(token, new PathTokenMask(token));
}
