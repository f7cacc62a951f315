import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../src/env.js';
import { resolveLogger } from '../src/logger.js';

afterEach(() => vi.restoreAllMocks());

describe('readEnv', () => {
  it('reads a variable; empty counts as unset; no environment at all (a browser) is no value', () => {
    expect(readEnv('A', { A: 'x' })).toBe('x');
    expect(readEnv('A', { A: '' })).toBeUndefined();
    expect(readEnv('A', {})).toBeUndefined();
    expect(readEnv('A', undefined)).toBeUndefined();
  });

  it.each([
    ['no process (a browser)', undefined],
    ['a process without an environment (an edge worker)', {}],
  ])('reads nothing by default where there is %s', (_, stand) => {
    const real = globalThis.process;
    // Swapped and restored synchronously: nothing else runs in between.
    Object.defineProperty(globalThis, 'process', { value: stand, configurable: true, writable: true });
    try {
      expect(readEnv('PATH')).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, 'process', { value: real, configurable: true, writable: true });
    }
    expect(readEnv('PATH')).toBe(process.env.PATH);
  });

  it("reads the process's own environment by default", () => {
    vi.stubEnv('SYNAPSE_ENV_PROBE', 'probe');
    expect(readEnv('SYNAPSE_ENV_PROBE')).toBe('probe');
    vi.unstubAllEnvs();
  });
});

describe('the console logger of SYNAPSE_DEBUG', () => {
  it('prefixes each line, and passes details when there are some', () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const logger = resolveLogger(undefined, true);
    logger?.debug('→ GET x', { attempt: 0 });
    logger?.debug('← 200');
    expect(spy.mock.calls).toEqual([['[synapse] → GET x', { attempt: 0 }], ['[synapse] ← 200']]);
  });

  it("the caller's logger wins; none without SYNAPSE_DEBUG", () => {
    const own = { debug: () => {} };
    expect(resolveLogger(own, true)).toBe(own);
    expect(resolveLogger(undefined, false)).toBeUndefined();
  });
});
