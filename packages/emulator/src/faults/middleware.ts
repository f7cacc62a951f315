import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bindings } from '../shared/bindings.js';
import type { FaultRegistry, FiredFault, ServiceName } from './rules.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function injectedReply(c: Context, fault: FiredFault & { status: number }): Response {
  const headers: Record<string, string> = { 'x-emulator-fault': fault.id };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(fault.retryAfter));
  return c.json(
    { detail: `Injected fault (status ${fault.status})` },
    fault.status as ContentfulStatusCode,
    headers,
  );
}

/** Sends the status line, the headers and the first half of the body, then destroys the connection. */
async function sendPartially(c: Context, response: Response): Promise<void> {
  const { outgoing } = bindings(c);
  const body = Buffer.from(await response.arrayBuffer());
  const headers = Object.fromEntries(response.headers.entries());
  // The declared length is always longer than what is sent, so the client sees a truncated body.
  headers['content-length'] = String(Math.max(body.length, 1));
  delete headers['transfer-encoding'];
  outgoing.writeHead(response.status, headers);
  const part = body.subarray(0, Math.floor(body.length / 2));
  await new Promise<void>((resolve) => outgoing.write(part, () => resolve()));
  outgoing.socket?.destroy();
}

/** Applies the fault rules in front of a service's routes. `/__emulator/*` control paths are never faulted. */
export function faultMiddleware(registry: FaultRegistry, service: ServiceName): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith('/__emulator/')) return next();
    const fault = registry.take(service, c.req.method, c.req.path);
    if (!fault) return next();
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.drop === 'request') {
      bindings(c).incoming.socket.destroy();
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    const { status } = fault;
    if (fault.drop === 'response') {
      let response: Response;
      if (status === undefined) {
        await next();
        response = c.res;
      } else {
        response = injectedReply(c, { ...fault, status });
      }
      await sendPartially(c, response);
      // Reset first: assigning over an existing response would copy it, and the copy would be written again.
      (c as { res: Response | undefined }).res = undefined;
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    if (status !== undefined) return injectedReply(c, { ...fault, status });
    return next();
  };
}
