import { ProtocolError, ValidationError } from './errors.js';

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Whether a URL points at this machine, where plain http cannot be read by anyone else on the network. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOST.test(url.hostname);
}

/** `isLoopback` for a URL string; false for a string that is not a URL. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopback(new URL(url));
  } catch {
    return false;
  }
}

const WEB_PROTOCOLS = ['http:', 'https:'];

/** Parses an entry of `trustedOrigins`: an http(s) origin, nothing else. */
function parseOrigin(value: unknown, argument: string): string {
  const url =
    typeof value === 'string' && value.trim() === value && URL.canParse(value) ? new URL(value) : undefined;
  const bare = url && url.pathname === '/' && !url.search && !url.hash;
  if (!url || !bare || url.username || url.password || !WEB_PROTOCOLS.includes(url.protocol)) {
    throw new ValidationError(`${argument} must be an origin such as https://uploads.example.com`, {
      argument,
    });
  }
  return url.origin;
}

/**
 * Where a client's credentials may go: its own origin (the base URL's scheme, host and port) and the origins the
 * user listed in `trustedOrigins`. URLs the server hands back (a page's `next`, an upload's `url`) are followed on
 * the client's own origin: a proxy that terminates TLS often writes `http://` or an internal host into them.
 */
export class OriginPolicy {
  readonly #base: URL;
  /** The base URL as given (normalised, no trailing slash): relative links resolve below it. */
  readonly #baseUrl: string;
  readonly #trusted: ReadonlySet<string>;
  readonly #allowInsecureHttp: boolean;

  constructor(baseUrl: string, trustedOrigins: unknown, allowInsecureHttp: boolean) {
    this.#base = new URL(baseUrl);
    this.#baseUrl = baseUrl;
    if (trustedOrigins !== undefined && !Array.isArray(trustedOrigins)) {
      throw new ValidationError('trustedOrigins must be a list of origins', { argument: 'trustedOrigins' });
    }
    const listed = (trustedOrigins ?? []).map((value, index) =>
      parseOrigin(value, `trustedOrigins[${index}]`),
    );
    this.#trusted = new Set([this.#base.origin, ...listed]);
    this.#allowInsecureHttp = allowInsecureHttp;
  }

  /** The client's own origin, e.g. `https://api.synapse.example`. */
  get origin(): string {
    return this.#base.origin;
  }

  /** Every origin that may receive credentials: the client's own first. */
  get trustedOrigins(): string[] {
    return [...this.#trusted];
  }

  /** Whether a request to `url` may carry the client's credentials. */
  trusts(url: URL): boolean {
    return this.#trusted.has(url.origin);
  }

  /** A URL the server handed back: kept on a trusted origin, otherwise its path and query on the client's own. */
  follow(serverUrl: string): string {
    let url: URL;
    try {
      url = new URL(serverUrl, `${this.#baseUrl}/`);
    } catch {
      throw new ProtocolError(`The server handed back a URL that is not one: ${JSON.stringify(serverUrl)}`);
    }
    url.hash = '';
    if (this.trusts(url)) return url.href;
    return `${this.#base.origin}${url.pathname}${url.search}`;
  }

  /** Refuses a credential in clear text to a host other than this machine, unless the user accepted the risk. */
  assertSecure(url: URL, argument: string): void {
    if (this.#allowInsecureHttp || url.protocol !== 'http:' || isLoopback(url)) return;
    throw new ValidationError(
      `Refusing to send a token over plain http:// to ${url.host} (${argument}); use https://, ` +
        'or set allowInsecureHttp: true if you accept the risk',
      { argument },
    );
  }

  /** Checks a URL a request with credentials is about to go to: a trusted origin, over a secure link. */
  assertMayCarryCredentials(url: URL, argument: string): void {
    if (!this.trusts(url)) {
      throw new ValidationError(
        `Refusing to send credentials to ${url.origin} (${argument}): it is not ${this.#base.origin}; ` +
          'list it in trustedOrigins if it should receive them',
        { argument },
      );
    }
    this.assertSecure(url, argument);
  }
}
