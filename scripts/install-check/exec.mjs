import { execFile } from 'node:child_process';

/**
 * Runs a command without blocking the event loop (the emulator serves from this process meanwhile). Resolves with
 * its output; rejects with the output in the message when it exits non-zero.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const where = options.cwd ? ` (in ${options.cwd})` : '';
        reject(new Error(`${command} ${args.join(' ')}${where} failed:\n${stdout}${stderr}`.trimEnd()));
      },
    );
  });
}

/** Maps with at most `limit` calls in flight, keeping the order of the results. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
