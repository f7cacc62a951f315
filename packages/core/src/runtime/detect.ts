/** The part of `globalThis` that tells the runtimes apart. */
export interface Runtime {
  process?: { versions?: { node?: string; bun?: string; deno?: string } };
}

/**
 * Node itself, not Bun or Deno: they report a Node version too and take the seam's Node build, but their own fetch
 * is their fast path and their worker threads are not Node's.
 */
export function isNodeRuntime(runtime: Runtime = globalThis): boolean {
  const versions = runtime.process?.versions;
  return typeof versions?.node === 'string' && versions.bun === undefined && versions.deno === undefined;
}
