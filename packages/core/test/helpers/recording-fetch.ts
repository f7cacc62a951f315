/** A request as the client handed it to fetch. */
export interface SentRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  search: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** A text body as sent; undefined for none or a streamed body. */
  body: string | undefined;
}

/**
 * A fetch that records every request the client sends before passing it on, so a test against a real server
 * (the emulator) can assert what went out, including requests whose body failed on the way. `onSend` runs once
 * the request is under way.
 */
export function recordingFetch(onSend?: (request: SentRequest) => void) {
  const sent: SentRequest[] = [];
  const fetcher = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      search: url.search.replace(/^\?/, ''),
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    const response = fetch(input, init);
    onSend?.(request);
    return response;
  };
  /** `METHOD path Content-Range` of each request, for a compact comparison. */
  const summary = () =>
    sent.map((r) => [r.method, r.path, r.headers['content-range']].filter(Boolean).join(' '));
  return { fetch: fetcher, sent, summary };
}
