import { styleText } from 'node:util';

/** A stream the CLI writes to: `process.stdout`/`stderr` or a test's stand-in. */
export interface OutputStream {
  /** Writes text as it is. */
  write(text: string): unknown;
  /** True on a terminal: only then are the progress bar and colour drawn. */
  isTTY?: boolean;
}

/** Where a run of the CLI reads and writes, and its environment. */
export interface CliIo {
  /** Data: resources, JSON lines, reports. */
  stdout: OutputStream;
  /** Progress, notices, the summary and error lines. */
  stderr: OutputStream;
  /** Read by `synapse login --token-stdin`. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The settings' variables (`SYNAPSE_*`), `NO_COLOR`, `TERM`, and the config folder's. */
  env: Record<string, string | undefined>;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Colour only on a terminal, and never with `NO_COLOR` set (any value) or `TERM=dumb`. */
export function colourEnabled(stream: OutputStream, env: CliIo['env']): boolean {
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

type Style = 'green' | 'red' | 'yellow' | 'dim';

/** Paints text for a stream: unchanged when {@link colourEnabled} says no. */
export function painter(stream: OutputStream, env: CliIo['env']): (style: Style, text: string) => string {
  const enabled = colourEnabled(stream, env);
  // The decision is ours (above): Node's own check would look at stdout, and turn colour off wherever CI is set.
  return (style, text) => (enabled ? styleText(style, text, { validateStream: false }) : text);
}

/** Writes a value as one JSON line. */
export function writeJsonLine(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/** Prints data: one JSON line with `--json`, indented JSON for a reader otherwise. */
export function printData(stream: OutputStream, value: unknown, json: boolean): void {
  stream.write(`${json ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
}
