import type { Printer } from './printer.js';
import { uploadBar } from './progress.js';
import { READ_NEXT, WORKFLOWS_FOLDER } from './read-next.js';

type Paint = (text: string) => string;
function painter(stream: NodeJS.WriteStream): Record<'bold' | 'green' | 'red' | 'dim' | 'yellow', Paint> {
  const enabled = Boolean(stream.isTTY) && !process.env.NO_COLOR;
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

/**
 * The readable output: section headers, `→` lines with each step's SDK call, ✓ lines, indented details,
 * failures on stderr. Colours only on a terminal.
 */
export function createTextPrinter(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Printer {
  const paint = painter(out);
  const paintErr = painter(err);
  const write = (line: string) => out.write(`${line}\n`);
  const detail = (text: string) => write(`    ${paint.dim('│')} ${text}`);
  return {
    start({ backend, emulator, agent, ray }) {
      write(paint.bold('Synapse SDK demo'));
      detail(`backend ${backend}${emulator ? ' (local emulator, started by the demo)' : ''}`);
      if (agent) detail(`agent   ${agent}`);
      if (ray) detail(`ray     ${ray}`);
    },
    workflowStarted: (index, total, title) => write(`\n${paint.bold(`[${index}/${total}] ${title}`)}`),
    workflowSkipped: (reason) => write(`  ${paint.yellow('–')} ${reason}`),
    workflowFailed: (message) => err.write(`  ${paintErr.red('✗')} ${message}\n`),
    stepStarted: (_name, call) => write(`  ${paint.dim(`→ ${call}`)}`),
    stepEnded: () => {},
    ok: (text) => write(`  ${paint.green('✓')} ${text}`),
    detail,
    progress: (label) => uploadBar(label, out),
    finish(summary) {
      write('');
      write(summary.ok ? paint.bold(summary.text) : `${paint.red('✗')} ${summary.text}`);
      write('');
      write('Read next, to see each call in its place:');
      const rows = READ_NEXT.map(({ file, shows }) => ({ path: `${WORKFLOWS_FOLDER}/${file}`, shows }));
      const width = Math.max(...rows.map(({ path }) => path.length));
      for (const { path, shows } of rows) write(`  ${path.padEnd(width)}  ${paint.dim(shows)}`);
    },
  };
}
