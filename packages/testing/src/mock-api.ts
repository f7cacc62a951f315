import nock from 'nock';
import { type FormPart, parseMultipart } from './multipart.js';

/** A request as it left the client. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  search: string;
  /** Query params; repeated keys become arrays. */
  query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Raw body text ('' when none). */
  body: string;
  /** The JSON body, when the request sent JSON. */
  json: unknown;
  /** The parts, when the request was multipart. */
  parts: FormPart[] | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function toQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const existing = query[key];
    query[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** nock hands over binary bodies as hex; text bodies (JSON, multipart with text parts) as utf8. */
function decodeRaw(body: string): Buffer {
  const looksHex = body.length > 0 && body.length % 2 === 0 && /^[0-9a-f]+$/.test(body);
  return looksHex ? Buffer.from(body, 'hex') : Buffer.from(body, 'utf8');
}

function headerRecord(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * A nock-backed fake of one base URL that records every request exactly as it was sent, so tests can assert the
 * method, path, query, body and headers, and reply with what the real server would.
 */
export class MockApi {
  readonly requests: RecordedRequest[] = [];
  readonly #scope: nock.Scope;
  readonly #pending: Promise<void>[] = [];
  /** The raw body of each request, as nock saw it before parsing JSON (utf8, or hex for binary). */
  readonly #rawBodies = new WeakMap<object, string>();

  constructor(readonly baseUrl: string) {
    this.#scope = nock(baseUrl);
    this.#scope.on('request', (req: object, _interceptor: unknown, body: string) =>
      this.#rawBodies.set(req, body),
    );
  }

  /** Answers the next `method path` (path without query; any query is accepted and recorded). */
  on(
    method: string,
    path: string,
    times = 1,
  ): { reply: (status: number, body?: unknown, headers?: Record<string, string>) => MockApi } {
    return {
      reply: (status, body, headers) => this.#add(method, path, times, { status, body, headers }),
    };
  }

  #add(method: string, path: string, times: number, reply: Reply): MockApi {
    const recorder = this;
    this.#scope
      .intercept((uri) => uri.split('?')[0] === path, method)
      .times(times)
      .reply(function (uri) {
        const [pathname = '', search = ''] = uri.split(/\?(.*)/s);
        const headers = headerRecord(this.req.headers as Record<string, string | string[]>);
        const raw = decodeRaw(recorder.#rawBodies.get(this.req) ?? '');
        const recorded: RecordedRequest = {
          method: this.req.method ?? method,
          path: pathname,
          search,
          query: toQuery(search),
          headers,
          body: raw.toString('utf8'),
          json: undefined,
          parts: undefined,
        };
        const contentType = headers['content-type'] ?? '';
        if (contentType.startsWith('application/json') && recorded.body !== '')
          recorded.json = JSON.parse(recorded.body);
        if (contentType.startsWith('multipart/form-data')) {
          recorder.#pending.push(
            parseMultipart(raw, contentType).then((parts) => {
              recorded.parts = parts;
            }),
          );
        }
        recorder.requests.push(recorded);
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
        const replyHeaders = {
          'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
          ...reply.headers,
        };
        return [reply.status, reply.status === 204 ? '' : body, replyHeaders];
      });
    return this;
  }

  /** The only request recorded (fails when there were none or several). */
  async single(): Promise<RecordedRequest> {
    await Promise.all(this.#pending);
    if (this.requests.length !== 1)
      throw new Error(`expected exactly one request, saw ${this.requests.length}`);
    return this.requests[0] as RecordedRequest;
  }

  /** Every request recorded, with multipart bodies parsed. */
  async all(): Promise<RecordedRequest[]> {
    await Promise.all(this.#pending);
    return this.requests;
  }

  /** Throws when an answer set up with `on` was never used. */
  done(): void {
    this.#scope.done();
  }
}

/** Blocks every real connection except loopback (the emulator). Call in `beforeAll`. */
export function blockNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
}

/** Removes every interceptor. Call in `afterEach`. */
export function resetNetwork(): void {
  nock.cleanAll();
}

export { nock };
