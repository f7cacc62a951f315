import { randomInt } from 'node:crypto';

const SUBMISSION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz123456789';

/** `raysubmit_` + 16 characters from `[A-Za-z0-9]` minus `I l o O 0`. */
export function newSubmissionId(): string {
  let suffix = '';
  for (let i = 0; i < 16; i++) suffix += SUBMISSION_ALPHABET[randomInt(SUBMISSION_ALPHABET.length)];
  return `raysubmit_${suffix}`;
}

/** Hex of a 4-byte Ray JobID (little-endian counter), e.g. 2 → `02000000`. */
export function driverJobIdHex(counter: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(counter);
  return bytes.toString('hex');
}
