type Environment = Record<string, string | undefined>;

/** Reads an environment variable where there is a process environment (not in browsers); empty counts as unset. */
export function readEnv(
  name: string,
  env: Environment | undefined = (globalThis as { process?: { env?: Environment } }).process?.env,
): string | undefined {
  const value = env?.[name];
  return value || undefined;
}
