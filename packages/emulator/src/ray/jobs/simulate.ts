import type { TimedScript } from './timed-program.js';

const DEFAULT_LINES = [
  'INFO worker.py:1660 -- Connecting to existing Ray cluster at address: 127.0.0.1:6379...',
  'INFO worker.py:1843 -- Connected to Ray cluster. View the dashboard at http://127.0.0.1:8265',
  'Starting entrypoint.',
  'Entrypoint finished.',
];

function unquote(text: string): string {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (trimmed.length >= 2 && (first === '"' || first === "'") && trimmed.endsWith(first)) {
    return trimmed.slice(1, -1);
  }
  return trimmed.replace(/["']/g, '');
}

/**
 * What a simulated entrypoint prints and how it exits. Commands are split on `&&` and `;`:
 * `echo X` prints X; `sleep N` runs N seconds longer; `exit N` stops there with code N. With no `echo`,
 * a few Ray driver lines are printed. The word `fail` anywhere (and no explicit `exit`) exits with 1.
 */
export function simulateEntrypoint(entrypoint: string, runningMs: number): TimedScript {
  const lines: string[] = [];
  let extraMs = 0;
  let exitCode: number | undefined;
  for (const command of entrypoint.split(/&&|;/)) {
    const [, name = '', rest = ''] = /^\s*(\S+)\s*([\s\S]*)$/.exec(command) ?? [];
    if (name === 'echo') lines.push(unquote(rest));
    else if (name === 'sleep') extraMs += Math.max(0, Number.parseFloat(rest) || 0) * 1000;
    else if (name === 'exit') {
      exitCode = Number.parseInt(rest, 10) || 0;
      break;
    }
  }
  const echoed = lines.length > 0;
  if (!echoed) lines.push(...DEFAULT_LINES);
  if (exitCode === undefined && /\bfail\b/i.test(entrypoint)) {
    exitCode = 1;
    if (!echoed) lines.splice(lines.length - 1, 1, 'RuntimeError: simulated failure');
  }
  const runMs = runningMs + extraMs;
  return {
    lines,
    intervalMs: lines.length > 0 ? Math.floor(runningMs / (lines.length + 1)) : 0,
    minRunMs: runMs,
    exitCode: exitCode ?? 0,
  };
}
