import { ClientError } from '../errors.js';

/** Replies in a row that bring no new highest offset before an upload is called stalled. */
export const STALL_LIMIT = 3;

/**
 * Bounds an upload against a server whose offset does not advance, or goes back and forth: without it, a server
 * that accepts every PUT but never moves on would have the client send chunks forever.
 */
export class StallWatch {
  #highest: number;
  #flat = 0;

  constructor(start: number) {
    this.#highest = start;
  }

  /**
   * Notes an offset the server reported for the upload at `url`; throws once `STALL_LIMIT` replies in a row
   * brought no new highest.
   */
  note(offset: number, url: string): void {
    if (offset > this.#highest) {
      this.#highest = offset;
      this.#flat = 0;
      return;
    }
    if (++this.#flat < STALL_LIMIT) return;
    throw new ClientError(
      500,
      `Upload stalled: the server's offset did not advance past ${this.#highest} after ${STALL_LIMIT} attempts (${url})`,
      { reason: 'Upload stalled', url },
    );
  }
}
