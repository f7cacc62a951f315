import { Socket } from 'node:net';

/** Hosts a blocked network still reaches: loopback, where tests run their own servers. */
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$/;

/** Whether `host` (a name or address, with or without a port) is loopback. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * A connection the blocked network refused: nothing was sent. Its code is the one the OS gives when no route
 * leads to the host, so a client treats it as it would a host it cannot reach.
 */
export class NetConnectNotAllowedError extends Error {
  override readonly name = 'NetConnectNotAllowedError';
  readonly code = 'ENETUNREACH';

  constructor(target: string) {
    super(`Disallowed net connect for "${target}"`);
  }
}

/** The host and port of a `socket.connect(…)` call, or undefined for a local (IPC) socket. */
function target(args: unknown[]): { host: string; port: string } | undefined {
  // Node calls it with its own normalized `[options, callback]` list; people call it with options or a port.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, port, path } = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof path === 'string') return undefined;
    return { host: typeof host === 'string' ? host : 'localhost', port: String(port) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: String(first) };
}

const GUARDED = Symbol.for('synapse.testing.connectGuard');
let onRefused: ((target: string) => void) | undefined;

/**
 * Makes every TCP connection to a host other than loopback fail with `NetConnectNotAllowedError`, before any
 * lookup: the dispatcher sees only what undici sends, and `node:http`, `node:https` and `ws` open sockets of
 * their own. `refused` hears of each (`host:port`). Installed once per process; there is no undoing it.
 */
export function guardConnections(refused?: (target: string) => void): void {
  onRefused = refused;
  const proto = Socket.prototype as Socket & { [GUARDED]?: true };
  if (proto[GUARDED]) return;
  proto[GUARDED] = true;
  const connect = proto.connect;
  proto.connect = function guardedConnect(this: Socket, ...args: unknown[]): Socket {
    const to = target(args);
    if (to && !isLoopback(to.host)) {
      const error = new NetConnectNotAllowedError(`${to.host}:${to.port}`);
      onRefused?.(`${to.host}:${to.port}`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (connect as (...rest: unknown[]) => Socket).apply(this, args);
  } as typeof connect;
}
