import {
  type CallOptions,
  CoreClient,
  type ListOptions,
  type QueryParams,
  type RequestOptions,
  readLines,
} from '../../src/index.js';

/** Exposes the protected pipeline so tests can drive it directly. */
export class TestClient extends CoreClient {
  call<T = unknown>(
    method: string,
    path: string,
    options?: RequestOptions<T> & { params?: QueryParams; trailingSlash?: boolean },
  ) {
    return this.request<T>(method, path, options);
  }

  listPath<O extends ListOptions>(path: string, params?: QueryParams, options?: O) {
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
