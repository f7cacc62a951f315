import { type Emulator, startEmulator } from '@synapse/emulator';
import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { tempFiles } from './upload-files.js';

/**
 * An emulator for a file of upload tests: started before them (network blocked but for loopback), its faults and
 * the interceptors cleared after each, stopped with `files` removed after all.
 */
export function useUploadEmulator(files: Awaited<ReturnType<typeof tempFiles>>): {
  readonly emulator: Emulator;
} {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    blockNetwork();
    emulator = await startEmulator();
  });
  afterEach(() => {
    emulator?.faults.clear();
    resetNetwork();
  });
  afterAll(async () => {
    await emulator?.stop();
    await files.cleanup();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulator starts in beforeAll');
      return emulator;
    },
  };
}
