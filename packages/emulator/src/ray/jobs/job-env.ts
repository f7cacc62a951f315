/**
 * The environment a job process starts with. Never the emulator's own: it may hold credentials, and job logs
 * are served without authentication to anything that can reach the Ray port. `runtime_env.env_vars` go on
 * top, as Ray merges them over the worker's environment.
 */
export function jobEnvironment(scratchDir: string, envVars: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: scratchDir,
    TMPDIR: scratchDir,
    LANG: 'C.UTF-8',
  };
  if (process.platform === 'win32') {
    Object.assign(base, { TEMP: scratchDir, TMP: scratchDir, USERPROFILE: scratchDir });
    if (process.env.SystemRoot) base.SystemRoot = process.env.SystemRoot;
  }
  return { ...base, ...envVars };
}
