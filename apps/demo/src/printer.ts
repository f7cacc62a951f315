/** The demo's readable output: section headers, ✓ lines, indented details, and one-line failures. */
export interface Printer {
  header(text: string): void;
  section(index: number, total: number, title: string): void;
  ok(text: string): void;
  detail(text: string): void;
  skip(text: string): void;
  fail(text: string): void;
  blank(): void;
}

type Paint = (text: string) => string;

function painter(enabled: boolean): Record<'bold' | 'green' | 'red' | 'dim' | 'yellow', Paint> {
  const wrap =
    (open: number, close: number): Paint =>
    (text) =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: wrap(1, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    dim: wrap(2, 22),
    yellow: wrap(33, 39),
  };
}

export function createPrinter(
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Printer {
  const paint = painter(Boolean(out.isTTY) && !process.env.NO_COLOR);
  const write = (line: string) => out.write(`${line}\n`);
  return {
    header: (text) => write(paint.bold(text)),
    section: (index, total, title) => write(`\n${paint.bold(`[${index}/${total}] ${title}`)}`),
    ok: (text) => write(`  ${paint.green('✓')} ${text}`),
    detail: (text) => write(`    ${paint.dim('│')} ${text}`),
    skip: (text) => write(`  ${paint.yellow('–')} ${text}`),
    fail: (text) => err.write(`  ${paint.red('✗')} ${text}\n`),
    blank: () => write(''),
  };
}

/** `61.0 MiB`, `1.2 KiB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
