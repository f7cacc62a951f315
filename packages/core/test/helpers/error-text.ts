/** Every text an error carries: message, stack, toJSON, enumerable fields, and the same of its causes. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; current && i < 8; i++) {
    const e = current as { message?: unknown; stack?: unknown; toJSON?: () => unknown; cause?: unknown };
    parts.push(String(e.message), String(e.stack), JSON.stringify(e.toJSON?.() ?? {}), JSON.stringify(e));
    current = e.cause;
  }
  return parts.join('\n');
}
