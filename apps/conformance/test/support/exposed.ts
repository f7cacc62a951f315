import { inspect } from 'node:util';

/** Everything an error exposes: message, stack, toJSON, inspect (every own property), and the whole cause chain. */
export function exposed(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 20; depth++) {
    const item = current as { message?: unknown; stack?: unknown; toJSON?: () => unknown; cause?: unknown };
    parts.push(String(item), String(item.message), String(item.stack));
    if (typeof item.toJSON === 'function') parts.push(JSON.stringify(item.toJSON()));
    parts.push(inspect(item, { depth: 10, showHidden: true }));
    current = item.cause;
  }
  return parts.join('\n');
}
