/**
 * Which `Host` and `Origin` values the emulator serves. It listens on loopback, but a web page can still reach
 * it: directly with a cross-origin request (which browsers send with an `Origin`), or through a DNS name that
 * the page's owner points at 127.0.0.1 (DNS rebinding: same origin for the browser, but a foreign `Host`).
 */
export interface AccessPolicyOptions {
  /** Host names accepted besides loopback ones (any port). */
  allowedHosts?: readonly string[];
  /** Browser origins accepted besides loopback ones, e.g. `https://app.example.com`; `null` for opaque ones. */
  allowedOrigins?: readonly string[];
}

export interface AccessPolicy {
  /** Why the request is refused (the reply's `detail`), or undefined when it may go on. */
  refusal(host: string | undefined, origin: string | undefined): string | undefined;
}

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = IPV4_LOOPBACK.exec(hostname);
  return octets?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
}

/** The lower-case host name of a `Host` value without its port; IPv6 addresses keep their brackets. */
export function hostnameOf(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  if (value.split(':').length > 2) return `[${value}]`; // a bare IPv6 address, as in an option
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

const isWebUrl = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:';

function parseOrigin(origin: string): URL | undefined {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  return url && isWebUrl(url) ? url : undefined;
}

/** True for a value `allowedOrigins` takes: an http(s) origin, or `null`. */
export const isOriginOption = (entry: string): boolean =>
  entry === 'null' || parseOrigin(entry) !== undefined;

/** An allowed-origin option in the form browsers send it; a TypeError for anything that is not an origin. */
function normalizeOrigin(entry: string): string {
  if (!isOriginOption(entry)) {
    throw new TypeError(`Invalid allowed origin: ${entry} (expected e.g. https://app.example.com)`);
  }
  return entry === 'null' ? entry : (parseOrigin(entry) as URL).origin;
}

export function accessPolicy(options: AccessPolicyOptions = {}): AccessPolicy {
  const hosts = new Set(options.allowedHosts?.map(hostnameOf));
  const origins = new Set(options.allowedOrigins?.map(normalizeOrigin));
  const hostAllowed = (host: string) => {
    const hostname = hostnameOf(host);
    return isLoopbackName(hostname) || hosts.has(hostname);
  };
  const originAllowed = (origin: string) => {
    if (origins.has(origin)) return true;
    const url = parseOrigin(origin);
    return url !== undefined && (isLoopbackName(url.hostname) || origins.has(url.origin));
  };
  return {
    refusal(host, origin) {
      if (!host || !hostAllowed(host)) return `Host not allowed: ${host ?? ''}`;
      if (origin !== undefined && !originAllowed(origin)) return 'Origin not allowed';
      return undefined;
    },
  };
}
