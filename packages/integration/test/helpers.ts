import { backendAuth, MOCK_BASE_URL, mockClient } from '@synapse/testing';
import { IntegrationClient } from '../src/index.js';

export const BASE = MOCK_BASE_URL;
export const TOKEN = 'integration-test-token';
export const AUTH = backendAuth(TOKEN);

export function setup(options: { logger?: { debug: (message: string, details?: unknown) => void } } = {}) {
  return mockClient(IntegrationClient, { apiToken: TOKEN, ...options });
}

/** A client whose fetch records what would have been sent, for checks that nothing was. */
export function recordingClient(): { client: IntegrationClient; sent: string[] } {
  const sent: string[] = [];
  const client = new IntegrationClient({
    baseUrl: BASE,
    apiToken: TOKEN,
    maxRetries: 0,
    fetch: async (input) => {
      sent.push(String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
}

/** A client whose fetch answers with a body streamed from `chunks`, one per `next()` of the stream. */
export function streamingClient(chunks: AsyncIterable<string>): {
  client: IntegrationClient;
  requests: Request[];
} {
  const requests: Request[] = [];
  const encoder = new TextEncoder();
  const client = new IntegrationClient({
    baseUrl: BASE,
    apiToken: TOKEN,
    maxRetries: 0,
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      const iterator = chunks[Symbol.asyncIterator]();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        },
        async cancel() {
          await iterator.return?.();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    },
  });
  return { client, requests };
}
