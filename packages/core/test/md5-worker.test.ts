import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startMd5Worker, WorkerMd5 } from '../src/chunked-upload/md5-worker.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

const MIB = 1024 * 1024;

describe('MD5 on a worker thread', () => {
  it('hashes pieces of any size, more than its shared slots hold at once, in order', async () => {
    const bytes = patternBytes(9 * MIB + 123);
    const hasher = await startMd5Worker();
    try {
      // Empty, tiny, a piece larger than a slot (split across slots), then the rest in one go.
      const cuts = [0, 0, 1, 1000, 1000 + 2 * MIB + 5, 5 * MIB, bytes.byteLength];
      for (let i = 1; i < cuts.length; i++) await hasher.update(bytes.subarray(cuts[i - 1], cuts[i]));
      expect(await hasher.digest()).toBe(md5Hex(bytes));
    } finally {
      hasher.close();
    }
  });

  it('copies each piece before it resolves: the caller may reuse its buffer at once', async () => {
    const buffer = new Uint8Array(MIB);
    const expected: Uint8Array[] = [];
    const hasher = await startMd5Worker();
    try {
      for (let round = 0; round < 12; round++) {
        buffer.fill(round);
        expected.push(buffer.slice());
        await hasher.update(buffer);
      }
      const whole = new Uint8Array(12 * MIB);
      for (const [i, piece] of expected.entries()) whole.set(piece, i * MIB);
      expect(await hasher.digest()).toBe(md5Hex(whole));
    } finally {
      hasher.close();
    }
  });
});

/** A stand-in for node:worker_threads' Worker that hashes nothing and never answers unless told to. */
class SilentWorker extends EventEmitter {
  static last: SilentWorker;
  readonly posted: unknown[] = [];
  terminated = 0;
  constructor() {
    super();
    SilentWorker.last = this;
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  async terminate() {
    this.terminated++;
    return 0;
  }
}

const silentHasher = () => {
  const hasher = new WorkerMd5(SilentWorker as never);
  return { hasher, worker: SilentWorker.last };
};

describe('a worker that fails', () => {
  it('rejects the piece waiting for a slot, and every later call, with the worker’s error', async () => {
    const { hasher, worker } = silentHasher();
    // Four slots are taken by pieces the worker never hands back; the fifth waits.
    for (let i = 0; i < 4; i++) await hasher.update(new Uint8Array(1));
    expect(worker.posted).toEqual([
      [3, 1],
      [2, 1],
      [1, 1],
      [0, 1],
    ]);
    const waiting = hasher.update(new Uint8Array(1));
    const failure = new Error('out of memory');
    worker.emit('error', failure);
    await expect(waiting).rejects.toBe(failure);
    await expect(hasher.update(new Uint8Array(1))).rejects.toBe(failure);
    await expect(hasher.digest()).rejects.toBe(failure);
  });

  it('a slot handed back goes to the piece waiting for it', async () => {
    const { hasher, worker } = silentHasher();
    for (let i = 0; i < 4; i++) await hasher.update(new Uint8Array([i]));
    const waiting = hasher.update(new Uint8Array([9]));
    worker.emit('message', 2);
    await waiting;
    expect(worker.posted.at(-1)).toEqual([2, 1]);
  });

  it('rejects a digest under way when the thread stops', async () => {
    const { hasher, worker } = silentHasher();
    const digest = hasher.digest();
    expect(worker.posted).toEqual(['digest']);
    worker.emit('exit', 1);
    await expect(digest).rejects.toThrow(new Error('The MD5 worker thread stopped'));
  });

  it('answers a digest with the worker’s reply', async () => {
    const { hasher, worker } = silentHasher();
    const digest = hasher.digest();
    worker.emit('message', 'd41d8cd98f00b204e9800998ecf8427e');
    await expect(digest).resolves.toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('close stops the thread once, and its stopping is no failure', async () => {
    const { hasher, worker } = silentHasher();
    hasher.close();
    hasher.close();
    expect(worker.terminated).toBe(1);
    worker.emit('exit', 1);
    await expect(hasher.update(new Uint8Array(1))).resolves.toBeUndefined();
  });
});
