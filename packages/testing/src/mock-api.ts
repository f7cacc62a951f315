import { type FormPart, parseMultipart } from './multipart.js';
import { type Answer, describeAnswer, networkMock, trackAnswer } from './network.js';
import { type SentRequest, sentRequestOf } from './network-mock.js';

/** A request as it left the client. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  search: string;
  /** Query params; repeated keys become arrays. */
  query: Record<string, string | string[]>;
  /** Lower-cased header names (see `clientHeaders` for what the transport added of its own). */
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

/**
 * A fake of one base URL that records every request exactly as it was sent, so tests can assert the method,
 * path, query, body and headers, and reply with what the real server would. It answers through the network
 * mock, whichever transport (fetch or undici's `request`) sent the request.
 */
export class MockApi {
  readonly requests: RecordedRequest[] = [];
  readonly #origin: string;
  readonly #answers: Answer[] = [];
  readonly #pending: Promise<void>[] = [];

  constructor(readonly baseUrl: string) {
    this.#origin = new URL(baseUrl).origin;
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
    const answer: Answer = { method: method.toUpperCase(), url: `${this.#origin}${path}`, times, used: 0 };
    this.#answers.push(answer);
    trackAnswer(answer);
    const mock = networkMock();
    mock.fake(this.#origin);
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
    const headers = {
      'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
      ...reply.headers,
    };
    mock
      .get(this.#origin)
      .intercept({
        path: (sent) => sent.split('?')[0] === path,
        method: (sent) => sent.toUpperCase() === answer.method,
      })
      .reply((options) => {
        answer.used++;
        this.#record(sentRequestOf(options));
        return {
          statusCode: reply.status,
          data: reply.status === 204 ? '' : body,
          responseOptions: { headers },
        };
      })
      .times(times);
    return this;
  }

  #record(sent: SentRequest): void {
    const [pathname = '', search = ''] = sent.path.split(/\?(.*)/s);
    const recorded: RecordedRequest = {
      method: sent.method,
      path: pathname,
      search,
      query: toQuery(search),
      headers: sent.headers,
      body: sent.body.toString('utf8'),
      json: undefined,
      parts: undefined,
    };
    const contentType = sent.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json') && recorded.body !== '')
      recorded.json = JSON.parse(recorded.body);
    if (contentType.startsWith('multipart/form-data')) {
      this.#pending.push(
        parseMultipart(sent.body, contentType).then((parts) => {
          recorded.parts = parts;
        }),
      );
    }
    this.requests.push(recorded);
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

  /** Throws when an answer set up with `on` was not used as many times as it was set up for. */
  done(): void {
    const unused = this.#answers.filter((answer) => answer.used < answer.times);
    if (unused.length > 0) throw new Error(`Answers not used up:\n${unused.map(describeAnswer).join('\n')}`);
  }
}
