import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type UploadDataCollectionOptions, type UploadRecord, ValidationError } from '../src/index.js';
import { setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let good: string;
beforeAll(async () => {
  good = await fixtures.file('ok.txt', 'ok');
});

const blobRecord = (): UploadRecord => ({ files: { image_1: new Blob(['x']) } });

describe('uploadDataCollection refuses bad options by name before any request', () => {
  it.each<[string, () => UploadDataCollectionOptions, string, string]>([
    [
      'a shard index equal to the count',
      () => ({ shard: { index: 2, count: 2 } }),
      'shard',
      'less than count',
    ],
    ['a negative shard index', () => ({ shard: { index: -1, count: 2 } }), 'shard.index', ''],
    ['a shard count of zero', () => ({ shard: { index: 0, count: 0 } }), 'shard.count', ''],
    ['a fractional shard index', () => ({ shard: { index: 0.5, count: 2 } }), 'shard.index', ''],
    ['a shard that is not an object', () => ({ shard: 3 as never }), 'shard', ''],
    ['a key that is not a function', () => ({ key: 'path' as never }), 'key', 'key must be a function'],
    [
      'an onItem that is not a function',
      () => ({ onItem: {} as never }),
      'onItem',
      'onItem must be a function',
    ],
    ['a window of zero', () => ({ window: 0 }), 'window', ''],
    ['an empty journal path', () => ({ journal: ' ' }), 'journal', 'journal must be the path of a file'],
    [
      'a journal that is not a string',
      () => ({ journal: 5 as never }),
      'journal',
      'journal must be the path',
    ],
    [
      'a record with a Blob and no key, with a journal',
      () => ({ journal: `${fixtures.dir}/never.jsonl` }),
      'key',
      'record 1 has a file that is not a path',
    ],
    [
      'a journal in a folder that does not exist',
      () => ({ journal: `${fixtures.dir}/no/such/folder/j.jsonl`, key: () => 'k' }),
      'journal',
      'cannot be opened (ENOENT)',
    ],
    ['a journal that is a folder', () => ({ journal: fixtures.dir, key: () => 'k' }), 'journal', '(EISDIR)'],
    [
      'a record with a Blob and no key, with a shard',
      () => ({ shard: { index: 0, count: 1 } }),
      'key',
      'record 1',
    ],
    [
      'a key that returns an empty string',
      () => ({ shard: { index: 0, count: 3 }, key: () => '' }),
      'key',
      '',
    ],
  ])('%s', async (_, options, argument, message) => {
    const { api, client } = setup();
    const error = await client
      .uploadDataCollection(7, [{ files: { image_1: good } }, blobRecord()], 4, options())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(message);
    expect(api.requests).toEqual([]);
  });

  it('a collection that is neither an array nor an iterable', async () => {
    const { api, client } = setup();
    for (const records of [3, 'records', null]) {
      const error = await client.uploadDataCollection(7, records as never).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ValidationError', argument: 'dataCollection' });
    }
    expect(api.requests).toEqual([]);
  });

  it('without a journal or a shard, a record of Blobs needs no key and is named by its index', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    const result = await client.uploadDataCollection(7, [blobRecord()]);
    expect(result.items).toMatchObject([{ index: 0, key: '#0', status: 'created', dataUnit: { id: 11 } }]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_units/']);
  });
});
