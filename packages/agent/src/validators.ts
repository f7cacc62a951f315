import { type ClientError, errorForStatus } from '@synapse/core/internal';

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_ID_LENGTH = 100;
const MAX_STREAM_TIMEOUT = 300;

/** `Number.isFinite` is false for anything that is not a number (it does not convert). */
function isFiniteNumber(value: unknown): value is number {
  return Number.isFinite(value);
}

function badRequest(message: string): ClientError {
  return errorForStatus(400, message, { reason: message, clientName: 'Agent' });
}

/** Python `validate_resource_id`: letters, digits, `-` and `_`, at most 100 characters. */
export function validateResourceId(value: unknown, kind = 'job'): string {
  const id = Number.isSafeInteger(value) ? String(value) : value;
  if (id === undefined || id === null || (typeof id === 'string' && id.trim() === '')) {
    throw badRequest(`${kind} ID cannot be empty`);
  }
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw badRequest(`Invalid ${kind} ID format`);
  if (id.length > MAX_ID_LENGTH) throw badRequest(`${kind} ID too long`);
  return id;
}

/** Python `validate_timeout`: a positive number of seconds, at most 300. */
export function validateStreamTimeout(value: unknown): number {
  if (!isFiniteNumber(value) || value <= 0) throw badRequest('stream_timeout must be a positive number');
  if (value > MAX_STREAM_TIMEOUT)
    throw badRequest(`stream_timeout cannot exceed ${MAX_STREAM_TIMEOUT} seconds`);
  return value;
}

export function validateProtocol(value: unknown): 'stream' | 'websocket' {
  if (value === 'stream' || value === 'websocket') return value;
  throw badRequest(`Unsupported protocol: ${String(value)}. Use 'websocket' or 'stream'`);
}
