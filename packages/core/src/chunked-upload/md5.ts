import { createMd5, md5Worker } from '#runtime';
import { isNodeRuntime, type Runtime } from '../runtime/detect.js';

/** An MD5 state: bytes in, in order; the hex digest out. */
export interface Md5Hasher {
  update(bytes: Uint8Array): void | Promise<void>;
  digest(): Promise<string>;
  /** Frees what the hasher holds (a worker thread). */
  close(): void;
}

/**
 * From this many bytes on, a file is hashed on a worker thread where Node has one: starting the thread takes
 * about as long as hashing 25 MiB, and hashing beside sending saves about a third of the upload's time.
 */
export const WORKER_MD5_FROM = 64 * 1024 * 1024;

/**
 * The whole file's MD5, fed with pieces as they are read. Every byte is hashed once, in order: pieces read again
 * (a chunk sent a second time) are skipped up to the bytes already hashed.
 */
export class Md5Tracker {
  /** Bytes hashed so far: the file's bytes [0, position). */
  position = 0;

  constructor(readonly hasher: Md5Hasher) {}

  /**
   * A tracker for a file of `size` bytes: hashed on a worker thread when the file is large and Node has one, else on
   * the calling thread (node:crypto where it exists, spark-md5 elsewhere).
   */
  static async create(size: number, runtime: Runtime = globalThis): Promise<Md5Tracker> {
    const worker = size >= WORKER_MD5_FROM && isNodeRuntime(runtime) ? md5Worker : undefined;
    return new Md5Tracker(worker ? await worker() : await createMd5());
  }

  async feed(at: number, piece: Uint8Array): Promise<void> {
    if (at > this.position) throw new Error(`MD5 gap: bytes ${this.position}-${at - 1} were never read`);
    // The bytes past those already hashed; none when the piece was hashed before.
    const fresh = piece.subarray(this.position - at);
    this.position += fresh.byteLength;
    if (fresh.byteLength > 0) await this.hasher.update(fresh);
  }

  digest(): Promise<string> {
    return this.hasher.digest();
  }

  close(): void {
    this.hasher.close();
  }
}
