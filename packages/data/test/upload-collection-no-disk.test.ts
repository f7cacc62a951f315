import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../src/index.js';
import { setup } from './helpers.js';

// Core as a browser or worker bundle links it: the runtime seam's build without Node's modules.
vi.mock('../../core/dist/runtime/node.js', () => import('../../core/dist/runtime/platform.js'));

useMockNetwork();

describe('uploadDataCollection where the runtime has no disk', () => {
  it('refuses a journal with a ValidationError naming Node, before any request', async () => {
    const { api, client } = setup();
    const records = [{ files: { image_1: new Blob(['x']) } }];
    const error = await client
      .uploadDataCollection(7, records, 4, { journal: 'progress.jsonl', key: () => 'only' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'journal',
      message:
        'journal needs Node.js (or Bun, Deno): the journal is a file on disk; here leave it out and keep the ' +
        'per-record report instead',
    });
    expect(api.requests).toEqual([]);
  });
});
