import type { Md5Hasher } from './md5.js';

/** Slots of the memory shared with the worker: the main thread fills one while the worker hashes another. */
const SLOTS = 4;
const SLOT_SIZE = 1024 * 1024;

// The worker's whole program, evaluated as CommonJS: a file of its own would have to be found again by every
// bundler and both module formats. It hashes a slot when told to and hands it back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const hash = require('node:crypto').createHash('md5');
const memory = new Uint8Array(workerData.memory);
parentPort.on('message', (message) => {
  if (message === 'digest') return parentPort.postMessage(hash.digest('hex'));
  const [slot, length] = message;
  hash.update(memory.subarray(slot * workerData.slotSize, slot * workerData.slotSize + length));
  parentPort.postMessage(slot);
});
`;

type Worker = Pick<import('node:worker_threads').Worker, 'on' | 'postMessage' | 'terminate'>;
type WorkerOptions = import('node:worker_threads').WorkerOptions;

interface Waiter {
  resolve(value: number): void;
  reject(error: Error): void;
}

/**
 * MD5 on a worker thread, so that hashing a large upload runs beside reading and sending it instead of before
 * each piece goes out (on one thread, hashing is a third of an upload's time). Bytes are copied into memory
 * shared with the worker, a few slots at a time: memory stays flat however far the worker falls behind.
 */
export class WorkerMd5 implements Md5Hasher {
  readonly #worker: Worker;
  readonly #memory: Uint8Array;
  readonly #free: number[] = Array.from({ length: SLOTS }, (_, slot) => slot);
  #slotWaiter: Waiter | undefined;
  #digestWaiter: { resolve(value: string): void; reject(error: Error): void } | undefined;
  #failure: Error | undefined;
  #closed = false;

  constructor(Worker: new (source: string, options: WorkerOptions) => Worker) {
    const memory = new SharedArrayBuffer(SLOTS * SLOT_SIZE);
    this.#memory = new Uint8Array(memory);
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { memory, slotSize: SLOT_SIZE } });
    this.#worker.on('message', (message: number | string) => {
      if (typeof message === 'string') this.#digestWaiter?.resolve(message);
      else if (this.#slotWaiter) this.#takeWaiter().resolve(message);
      else this.#free.push(message);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', () => this.#fail(new Error('The MD5 worker thread stopped')));
  }

  async update(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.byteLength; at += SLOT_SIZE) {
      const part = bytes.subarray(at, at + SLOT_SIZE);
      const slot = await this.#slot();
      this.#memory.set(part, slot * SLOT_SIZE);
      this.#worker.postMessage([slot, part.byteLength]);
    }
  }

  digest(): Promise<string> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#digestWaiter = { resolve, reject };
      this.#worker.postMessage('digest');
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    void this.#worker.terminate();
  }

  #slot(): Promise<number> {
    if (this.#failure) return Promise.reject(this.#failure);
    const free = this.#free.pop();
    if (free !== undefined) return Promise.resolve(free);
    return new Promise((resolve, reject) => {
      this.#slotWaiter = { resolve, reject };
    });
  }

  #takeWaiter(): Waiter {
    const waiter = this.#slotWaiter as Waiter;
    this.#slotWaiter = undefined;
    return waiter;
  }

  #fail(error: Error): void {
    if (this.#closed) return;
    this.#failure ??= error;
    if (this.#slotWaiter) this.#takeWaiter().reject(error);
    this.#digestWaiter?.reject(error);
  }
}

/** Starts an MD5 worker thread (Node); `close()` stops it. */
export async function startMd5Worker(): Promise<Md5Hasher> {
  const { Worker } = await import('node:worker_threads');
  return new WorkerMd5(Worker);
}
