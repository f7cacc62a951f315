import type { Hono } from 'hono';
import { plainText } from '../http-errors.js';
import { parseDeployConfig, ServeConfigError } from './deploy-config.js';
import type { ServeState } from './serve-state.js';

export const SERVE_PATH = '/api/serve/applications/';

/** Ray Serve's REST API: GET details, PUT a declarative config (replacing the set), DELETE to shut down. */
export function registerServeRoutes(app: Hono, serve: ServeState): void {
  app.get(SERVE_PATH, (c) => {
    const apiType = c.req.query('api_type');
    if (apiType !== undefined && apiType !== 'imperative' && apiType !== 'declarative') {
      return plainText(
        c,
        400,
        `Invalid 'api_type' value: '${apiType}'. Must be one of: imperative, declarative`,
      );
    }
    return c.json(serve.details());
  });

  app.put(SERVE_PATH, async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch (error) {
      return plainText(c, 400, `Invalid JSON: ${(error as Error).message}`);
    }
    try {
      serve.deploy(parseDeployConfig(body));
    } catch (error) {
      if (!(error instanceof ServeConfigError)) throw error;
      return plainText(c, 400, error.message);
    }
    return c.body(null, 200);
  });

  app.delete(SERVE_PATH, (c) => {
    serve.shutdown();
    return c.body(null, 200);
  });
}
