import { type EmulatorHandle, resetNetwork, useEmulator } from '@synapse/testing';
import { afterAll, afterEach } from 'vitest';
import type { tempFiles } from './upload-files.js';

/**
 * An emulator for a file of upload tests (see `useEmulator`): its faults and the interceptors cleared after each
 * test, `files` removed after all.
 */
export function useUploadEmulator(files: Awaited<ReturnType<typeof tempFiles>>): EmulatorHandle {
  const handle = useEmulator();
  afterEach(() => {
    handle.emulator.faults.clear();
    resetNetwork();
  });
  afterAll(files.cleanup);
  return handle;
}
