import * as v from 'valibot';
import {
  type CallOptions,
  CoreClient,
  type FirstPageOnly,
  type ListOptions,
  type QueryParams,
  type RequestInternals,
  readLines,
} from '../../src/internal.js';

const INTERNAL_KEYS = ['data', 'form', 'schema', 'stream', 'params', 'trailingSlash', 'secrets', 'anonymous'];
const ItemSchema = v.looseObject({ id: v.number() });

/** Exposes the protected pipeline so tests can drive it directly. */
export class TestClient extends CoreClient {
  /**
   * Drives the pipeline with one options object, split as a client method splits it: its own options (body,
   * query, schema, reading) and its caller's call options (anything else, so unknown keys are refused).
   */
  call<T = unknown>(method: string, path: string, options?: CallOptions & RequestInternals<T>) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      return this.request<T>(method, path, options);
    }
    const call: Record<string, unknown> = {};
    const internal: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      (INTERNAL_KEYS.includes(key) ? internal : call)[key] = value;
    }
    return this.request<T>(method, path, call, internal);
  }

  /** A method as a domain client writes one: the caller's options are call options, the schema is its own. */
  getItem(path: string, options?: CallOptions) {
    return this.request('GET', path, options, { schema: ItemSchema });
  }

  listPath<O extends ListOptions = FirstPageOnly>(path: string, params?: QueryParams, options?: O) {
    return this.list<unknown, O>(path, params, options, { filesFields: ['files'] });
  }

  async *lines(path: string, options?: CallOptions & { idleTimeout?: number }) {
    const { response, read } = await this.requestStream('GET', path, options);
    yield* readLines(response, read);
  }

  /** The settings the client resolved from its options. */
  settings() {
    return this.config;
  }

  joined(path: string, trailingSlash?: boolean) {
    return this.url(path, trailingSlash);
  }

  convert<T>(value: T, fields: string[], isList: boolean, cacheDir: string) {
    return this.urlConverter(
      { filesFields: fields, isList, cacheDir },
      { filesFields: [], isList: true },
    )(value);
  }
}

export const BASE = 'https://synapse.test';
export const TOKEN = 'core-test-token-5f1e';
