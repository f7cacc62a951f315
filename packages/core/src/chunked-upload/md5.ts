/** The part of node:crypto's Hash used here (loaded lazily, so the package still loads where it is absent). */
interface Hash {
  update(data: Uint8Array): unknown;
  digest(encoding: 'hex'): string;
}

/**
 * The whole file's MD5, fed with pieces as they are read. Every byte is hashed once, in order: pieces read again
 * (a chunk sent a second time) are skipped up to the bytes already hashed.
 */
export class Md5Tracker {
  /** Bytes hashed so far: the file's bytes [0, position). */
  position = 0;

  private constructor(private readonly hash: Hash) {}

  static async create(): Promise<Md5Tracker> {
    const { createHash } = await import('node:crypto');
    return new Md5Tracker(createHash('md5'));
  }

  feed(at: number, piece: Uint8Array): void {
    if (at > this.position) throw new Error(`MD5 gap: bytes ${this.position}-${at - 1} were never read`);
    // The bytes past those already hashed; none when the piece was hashed before.
    const fresh = piece.subarray(this.position - at);
    this.hash.update(fresh);
    this.position += fresh.byteLength;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
