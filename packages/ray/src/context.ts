import type { QueryParams, RequestOptions } from '@synapse/core';

/** What the Ray API modules need from the client: its request pipeline and its WebSocket lines. */
export interface RayContext {
  request<T>(
    method: string,
    path: string,
    options?: RequestOptions<T> & { params?: QueryParams; trailingSlash?: boolean },
  ): Promise<T>;
  webSocketLines(path: string, signal: AbortSignal | undefined): AsyncGenerator<string>;
}

export type Json = Record<string, unknown>;
