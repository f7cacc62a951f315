import type { Context, Hono } from 'hono';

/** A plain-text reply, the way Ray's aiohttp handlers answer errors. */
export function plainText(c: Context, status: 400 | 404 | 405 | 500 | 501 | 503, text: string): Response {
  return c.body(text, status, { 'Content-Type': 'text/plain; charset=utf-8' });
}

/** Python type name for `got <class '...'>` style messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'object':
      return 'dict';
    default:
      return typeof value;
  }
}

/** A traceback-shaped body like the one Ray's job handlers return on 400/500. */
export function pythonTraceback(where: string, exception: string, message: string): string {
  return [
    'Traceback (most recent call last):',
    `  File "/home/ray/anaconda3/lib/python3.11/site-packages/ray/dashboard/modules/job/job_head.py", line 287, in ${where}`,
    `    raise ${exception}(...)`,
    `${exception}: ${message}`,
    '',
  ].join('\n');
}

/** aiohttp's default replies for unknown paths and wrong methods. */
export function installFrameworkErrors(app: Hono, knownPaths: readonly string[]): void {
  for (const path of knownPaths) {
    app.all(path, (c) => plainText(c, 405, '405: Method Not Allowed'));
  }
  app.notFound((c) => plainText(c, 404, '404: Not Found'));
  app.onError((error, c) => plainText(c, 500, pythonTraceback('handler', 'Exception', error.message)));
}
