/** A request body in a form that is already whole: it can be read at once. */
export type WholeBody = string | Uint8Array | ArrayBuffer | null | undefined;

/** Whether the body is already whole (a string or bytes, or none) rather than a Blob, form or stream. */
export function isWhole(body: unknown): body is WholeBody {
  return (
    body === null ||
    body === undefined ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer
  );
}

/** Whether the body arrives piece by piece (a stream or an iterable): its length is not known beforehand. */
export function isStreamed(body: unknown): boolean {
  if (isWhole(body) || body instanceof Blob || body instanceof FormData) return false;
  return typeof body === 'object' && (Symbol.asyncIterator in body || Symbol.iterator in body);
}

/** The bytes of a whole body. */
export function wholeBytes(body: WholeBody): Buffer {
  if (body === null || body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

const BOUNDARY = /boundary=("?)([^";]+)\1/i;

/**
 * A form encoded with the boundary its `content-type` names. The transport set that header when it encoded the
 * form; a second encoding draws another boundary, which is put back so the bytes agree with the header. Both
 * boundaries have the same length, so the length is unchanged.
 */
async function formBytes(form: FormData, contentType: string | undefined): Promise<Buffer> {
  const encoded = new Response(form);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  const drawn = BOUNDARY.exec(encoded.headers.get('content-type') ?? '')?.[2];
  const named = BOUNDARY.exec(contentType ?? '')?.[2];
  if (!drawn || !named || drawn === named) return bytes;
  return Buffer.from(bytes.toString('latin1').replaceAll(drawn, named), 'latin1');
}

/**
 * Reads a request body to its end: a string, bytes, a Blob, a FormData (encoded with the boundary of
 * `contentType`), a ReadableStream, a Node stream or any (async) iterable of strings or bytes.
 */
export async function readBody(body: unknown, contentType?: string): Promise<Buffer> {
  if (isWhole(body)) return wholeBytes(body);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof FormData) return formBytes(body, contentType);
  if (typeof body === 'object' && (Symbol.asyncIterator in body || Symbol.iterator in body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(wholeBytes(chunk));
      else throw new TypeError(`a request body chunk must be a string or bytes, not ${typeof chunk}`);
    }
    return Buffer.concat(chunks);
  }
  throw new TypeError(`cannot read a request body of type ${typeof body}`);
}
