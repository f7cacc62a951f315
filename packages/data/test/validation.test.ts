import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DataCollectionClient, ValidationError } from '../src/index.js';
import { setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let good: string;
beforeAll(async () => {
  good = await fixtures.file('ok.txt', 'ok');
});

const client = () => setup().client;

describe('bad input is refused before any request', () => {
  it.each([
    ['a path-traversal collection id', () => client().getDataCollection('../admin'), 'id'],
    ['a negative data unit id', () => client().getDataUnit(-1), 'id'],
    ['bad data unit params', () => client().getDataUnit(1, { q: {} as never }), 'params.q'],
    ['non-object data units', () => client().createDataUnits('x' as never), 'data'],
    ['a data unit without collection', () => client().createDataUnits({} as never), 'data.data_collection'],
    ['an empty data unit list', () => client().createDataUnits([]), 'data'],
    ['an empty checksums list', () => client().dataFilesVerifyChecksums([]), 'checksums'],
    ['checksums that are not a list', () => client().dataFilesVerifyChecksums('abc' as never), 'checksums'],
    ['an empty checksum', () => client().dataFilesVerifyChecksums(['a', '']), 'checksums.1'],
    ['a missing file path', () => client().createDataFile(`${fixtures.dir}/nope.txt`), 'file'],
    ['a directory as file', () => client().createDataFile(fixtures.dir), 'file'],
    ['an empty file path', () => client().createDataFile(''), 'file'],
    ['a number as file', () => client().createDataFile(42 as never), 'file'],
    [
      'a non-boolean useChunkedUpload',
      () => client().createDataFile(good, { useChunkedUpload: 'yes' as never }),
      'useChunkedUpload',
    ],
    [
      'a bad chunk size',
      () => client().createDataFile(good, { useChunkedUpload: true, chunkSize: 0 }),
      'chunkSize',
    ],
    [
      'a stream without size for a chunked upload',
      () => client().createDataFile({ content: new ReadableStream() }, { useChunkedUpload: true }),
      'size',
    ],
    ['non-object upload data', () => client().uploadDataFile('x' as never, 1), 'data'],
    ['upload data without files', () => client().uploadDataFile({} as never, 1), 'data.files'],
    ['a bad data collection id', () => client().uploadDataFile({ files: {} }, 0), 'dataCollectionId'],
    [
      'a missing file among good ones',
      () => client().uploadDataFile({ files: { a: good, b: `${fixtures.dir}/x` } }, 1),
      'data.files.b',
    ],
    [
      'a directory among good ones',
      () => client().uploadDataFile({ files: { a: good, b: fixtures.dir } }, 1),
      'data.files.b',
    ],
    [
      'a collection that is not a list',
      () => client().uploadDataCollection(1, {} as never),
      'dataCollection',
    ],
    [
      'a record that is not an object',
      () => client().uploadDataCollection(1, [{ files: {} }, 3 as never]),
      'dataCollection.1',
    ],
    ['a bad collection id', () => client().uploadDataCollection(1.5, []), 'dataCollectionId'],
    ['a bad project id', () => client().uploadDataCollection(1, [], -2), 'projectId'],
    ['a zero batch size', () => client().uploadDataCollection(1, [], 1, { batchSize: 0 }), 'batchSize'],
    ['a bad concurrency', () => client().uploadDataCollection(1, [], 1, { concurrency: 1.5 }), 'concurrency'],
  ])('rejects %s', async (_, call, argument) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
  });
});

describe('options and file descriptions are refused by name, with nothing sent', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const fileMessage = (argument: string, got: string) =>
    `${argument} must be a file path, Blob, bytes or a stream, got ${got}`;
  it.each([
    [
      'createDataFile options that are not an object',
      (c: DataCollectionClient) => c.createDataFile(good, true as never),
      'options',
      'options must be an object',
    ],
    [
      'null createDataFile options',
      (c: DataCollectionClient) => c.createDataFile(good, null as never),
      'options',
      'options must be an object',
    ],
    [
      'uploadDataFile options that are not an object',
      (c: DataCollectionClient) => c.uploadDataFile({ files: { a: good } }, 1, 7 as never),
      'options',
      'options must be an object',
    ],
    [
      'null uploadDataFile options',
      (c: DataCollectionClient) => c.uploadDataFile({ files: { a: good } }, 1, null as never),
      'options',
      'options must be an object',
    ],
    [
      'uploadDataCollection options that are not an object',
      (c: DataCollectionClient) => c.uploadDataCollection(1, [{ files: { a: good } }], 2, 'fast' as never),
      'options',
      'options must be an object',
    ],
    [
      'null uploadDataCollection options',
      (c: DataCollectionClient) => c.uploadDataCollection(1, [{ files: { a: good } }], 2, null as never),
      'options',
      'options must be an object',
    ],
    [
      'a createDataFile onProgress that is not a function',
      (c: DataCollectionClient) => c.createDataFile(good, { onProgress: 'log' as never }),
      'onProgress',
      'onProgress must be a function',
    ],
    [
      'an uploadDataCollection onProgress that is not a function',
      (c: DataCollectionClient) =>
        c.uploadDataCollection(1, [{ files: { a: good } }], 2, { onProgress: 'log' as never }),
      'onProgress',
      'onProgress must be a function',
    ],
    [
      'a non-boolean useChunkedUpload',
      (c: DataCollectionClient) => c.createDataFile(good, { useChunkedUpload: 1 as never }),
      'useChunkedUpload',
      'useChunkedUpload must be a boolean',
    ],
    [
      'an empty filename',
      (c: DataCollectionClient) => c.createDataFile({ content: bytes, filename: '' }),
      'file.filename',
      'file.filename must be a non-empty string',
    ],
    [
      'a filename that is not a string',
      (c: DataCollectionClient) => c.createDataFile({ content: bytes, filename: 7 as never }),
      'file.filename',
      'file.filename must be a non-empty string',
    ],
    [
      'a negative stream size',
      (c: DataCollectionClient) => c.createDataFile({ content: new Blob(['x']).stream(), size: -1 }),
      'file.size',
      'file.size must be a whole number of bytes ≥ 0',
    ],
    [
      'a fractional stream size',
      (c: DataCollectionClient) => c.createDataFile({ content: new Blob(['x']).stream(), size: 1.5 }),
      'file.size',
      'file.size must be a whole number of bytes ≥ 0',
    ],
    [
      'null as file',
      (c: DataCollectionClient) => c.createDataFile(null as never),
      'file',
      fileMessage('file', 'null'),
    ],
    [
      'a number as file',
      (c: DataCollectionClient) => c.createDataFile(42 as never),
      'file',
      fileMessage('file', 'number'),
    ],
    [
      'a number as named content',
      (c: DataCollectionClient) => c.createDataFile({ content: 42 as never, filename: 'n.bin' }),
      'file',
      fileMessage('file', 'number'),
    ],
    [
      'an empty filename among good files',
      (c: DataCollectionClient) =>
        c.uploadDataFile({ files: { a: good, b: { content: bytes, filename: '' } } }, 1),
      'data.files.b.filename',
      'data.files.b.filename must be a non-empty string',
    ],
    [
      'a number among good files',
      (c: DataCollectionClient) => c.uploadDataFile({ files: { a: good, b: 42 as never } }, 1),
      'data.files.b',
      fileMessage('data.files.b', 'number'),
    ],
  ])('refuses %s', async (_, call, argument, message) => {
    const { api, client } = setup();
    api.on('POST', '/data_files/', 2).reply(201, { id: 1, checksum: 'c' });
    api.on('POST', '/data_units/').reply(201, [{ id: 1 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 1 }]);
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument, message });
    expect(api.requests).toEqual([]);
  });

  it('refuses empty checksums with messages that say what is wrong', async () => {
    const empty = await client()
      .dataFilesVerifyChecksums([])
      .catch((e: unknown) => e);
    expect((empty as ValidationError).issues).toEqual(['at least one checksum is required']);
    const blank = await client()
      .dataFilesVerifyChecksums(['a', ''])
      .catch((e: unknown) => e);
    expect((blank as ValidationError).issues).toEqual(['1: a checksum must not be empty']);
  });

  it('refuses a data unit file without checksum, naming the field', async () => {
    const error = await client()
      .createDataUnits({ data_collection: 1, files: { image_1: { path: 'a.png' } } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('data.files.image_1.checksum');
  });
});
