import type { JobProgram } from './types.js';

export interface TimedScript {
  lines: readonly string[];
  /** Gap between lines; 0 emits every line at once when the job starts running. */
  intervalMs: number;
  /** The job exits no earlier than this many ms after it starts running (and never before its last line). */
  minRunMs: number;
  exitCode: number;
}

let fakePid = 4200;

/** A program that prints scripted lines on a timer and then exits with a fixed code. */
export function timedProgram(script: TimedScript): JobProgram {
  return {
    start(io) {
      let timer: NodeJS.Timeout | undefined;
      let next = 0;
      const startedAt = Date.now();
      const finish = () => {
        const wait = Math.max(0, script.minRunMs - (Date.now() - startedAt));
        timer = setTimeout(() => io.exit(script.exitCode), wait);
      };
      const tick = () => {
        if (script.intervalMs <= 0) {
          io.emitLines(script.lines);
          next = script.lines.length;
        } else if (next < script.lines.length) {
          io.emitLines([script.lines[next++] ?? '']);
        }
        if (next >= script.lines.length) finish();
        else timer = setTimeout(tick, script.intervalMs);
      };
      tick();
      return {
        pid: ++fakePid,
        stop: () => clearTimeout(timer),
      };
    },
  };
}
