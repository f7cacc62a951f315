import { Readable } from 'node:stream';
import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import type { FileInput, UploadProgress } from '../src/index.js';
import { AUTH, setup } from './helpers.js';

useMockNetwork();

const bytes = (text: string) => new TextEncoder().encode(text);

describe('uploadDataFile: the path recorded for a file that is not on disk', () => {
  it.each([
    ['a File keeps its own name', new File(['png'], 'pic.png'), 'pic.png', 3],
    ['a nameless Blob is called file', new Blob(['blob']), 'file', 4],
    ['a File with an empty name is called file', new File(['x'], ''), 'file', 1],
    [
      'a given filename wins over the File’s',
      { content: new File(['png'], 'pic.png'), filename: 'given.png' },
      'given.png',
      3,
    ],
    ['bytes are called file', bytes('raw'), 'file', 3],
    ['an ArrayBuffer is called file', bytes('buffer').buffer, 'file', 6],
    ['bytes with a filename keep it', { content: bytes('raw'), filename: 'raw.bin' }, 'raw.bin', 3],
    [
      'a stream with a filename keeps it',
      { content: Readable.from([Buffer.from('st')]), filename: 'st.txt', size: 2 },
      'st.txt',
      2,
    ],
  ] as [string, FileInput, string, number][])('%s', async (_, file, name, size) => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum' });
    const progress: string[] = [];
    const uploaded = await client.uploadDataFile({ files: { image_1: file } }, 2, {
      onProgress: (p) => progress.push(`${p.name}:${p.loaded}/${p.total}`),
    });
    expect(uploaded).toEqual({ files: { image_1: { checksum: 'sum', path: name } }, data_collection: 2 });
    expect(progress).toEqual([`image_1:0/${size}`, `image_1:${size}/${size}`]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.parts).toEqual([expect.objectContaining({ name: 'file', size })]);
  });
});

describe('createDataFile: streams', () => {
  it.each([
    ['a web stream', () => new Blob(['web bytes']).stream()],
    ['a Node stream', () => Readable.from([Buffer.from('web bytes')])],
  ])(
    '%s given as is is one multipart POST named file, with no progress (its size is unknown)',
    async (_, stream) => {
      const { api, client } = setup();
      api.on('POST', '/data_files/').reply(201, { id: 4, checksum: 'c4' });
      const progress: UploadProgress[] = [];
      const created = await client.createDataFile(stream(), { onProgress: (p) => progress.push(p) });
      expect(created).toEqual({ id: 4, checksum: 'c4' });
      expect(progress).toEqual([]);
      const req = await api.single();
      expect(req).toMatchObject({ method: 'POST', path: '/data_files/', search: '' });
      expect(req.headers).toMatchObject(AUTH);
      expect(req.parts).toEqual([
        expect.objectContaining({ name: 'file', filename: 'file', value: 'web bytes' }),
      ]);
    },
  );

  it('a named stream without size is one multipart POST, with no progress', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 5, checksum: 'c5' });
    const progress: UploadProgress[] = [];
    await client.createDataFile(
      { content: Readable.from([Buffer.from('abc')]), filename: 'n.txt' },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress).toEqual([]);
    expect((await api.single()).parts).toEqual([
      expect.objectContaining({ name: 'file', filename: 'n.txt', value: 'abc' }),
    ]);
  });

  it('a stream of size 0 is accepted and reported as 0 of 0 bytes', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 6, checksum: 'c6' });
    const progress: UploadProgress[] = [];
    await client.createDataFile(
      { content: Readable.from([]), size: 0 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress).toEqual([
      { loaded: 0, total: 0 },
      { loaded: 0, total: 0 },
    ]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/' });
    expect(req.parts).toEqual([expect.objectContaining({ name: 'file', filename: 'file', size: 0 })]);
  });
});
