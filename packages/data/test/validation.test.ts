import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { setup, tempDir } from './helpers.js';

let fixtures: Awaited<ReturnType<typeof tempDir>>;
let good: string;

beforeAll(async () => {
  blockNetwork();
  fixtures = await tempDir();
  good = await fixtures.file('ok.txt', 'ok');
});
afterEach(resetNetwork);
afterAll(() => fixtures.remove());

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
