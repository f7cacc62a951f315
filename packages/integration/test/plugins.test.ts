import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useMockNetwork, useTempDir } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { AUTH, setup } from './helpers.js';

useMockNetwork();
const tmp = useTempDir('integration-plugins-');

describe('IntegrationClient plugins', () => {
  it('getPlugin: GET plugins/{id}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/plugins/3/').reply(200, { id: 3, code: 'yolo', name: 'YOLO' });
    expect(await client.getPlugin(3)).toEqual({ id: 3, code: 'yolo', name: 'YOLO' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/plugins/3/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('createPlugin: POST plugins/ with JSON', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugins/').reply(201, { id: 4, code: 'seg', name: 'Segmenter' });
    const data = { code: 'seg', name: 'Segmenter', config: { actions: { train: {} } } };
    expect(await client.createPlugin(data)).toEqual({ id: 4, code: 'seg', name: 'Segmenter' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/plugins/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('updatePlugin: PUT plugins/{id}/ with JSON (a full update)', async () => {
    const { api, client } = setup();
    api.on('PUT', '/plugins/4/').reply(200, { id: 4, code: 'seg', name: 'Segmenter 2' });
    const data = { code: 'seg', name: 'Segmenter 2' };
    expect(await client.updatePlugin(4, data)).toEqual({ id: 4, code: 'seg', name: 'Segmenter 2' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'PUT', path: '/plugins/4/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('runPlugin: POST plugins/{id}/run/ returns the job id', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugins/4/run/').reply(200, { job_id: 17 });
    const data = { action: 'train', params: { epochs: 3 }, agent: 2 };
    const result = await client.runPlugin(4, data);
    expect(result).toEqual({ job_id: 17 });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/plugins/4/run/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('runPlugin: a reply without a job id is returned as the backend sent it', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugins/4/run/').reply(200, { status: 'queued', detail: 'runs on the agent' });
    const result = await client.runPlugin(4, { action: 'deploy' });
    expect(result).toEqual({ status: 'queued', detail: 'runs on the agent' });
    expect(result.job_id).toBeUndefined();
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/plugins/4/run/',
      search: '',
      json: { action: 'deploy' },
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('getPluginRelease: GET plugin_releases/{id}/ with params', async () => {
    const { api, client } = setup();
    api.on('GET', '/plugin_releases/9/').reply(200, { id: 9, plugin: 4, version: '1.0.0' });
    expect(await client.getPluginRelease(9, { expand: 'plugin' })).toEqual({
      id: 9,
      plugin: 4,
      version: '1.0.0',
    });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/plugin_releases/9/', query: { expand: 'plugin' } });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getPluginRelease works without params', async () => {
    const { api, client } = setup();
    api.on('GET', '/plugin_releases/9/').reply(200, { id: 9 });
    expect(await client.getPluginRelease(9)).toEqual({ id: 9 });
    expect((await api.single()).search).toBe('');
  });

  it('createPluginRelease: multipart with the file part and JSON-encoded object fields', async () => {
    const { api, client } = setup();
    const archive = join(tmp.path, 'release-1.0.0.zip');
    await writeFile(archive, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]));
    api.on('POST', '/plugin_releases/').reply(201, { id: 10, plugin: 4, version: '1.0.0' });
    const data = { plugin: 4, version: '1.0.0', config: { actions: { train: {} } }, file: archive };
    expect(await client.createPluginRelease(data)).toEqual({ id: 10, plugin: 4, version: '1.0.0' });
    expect(data.file).toBe(archive);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/plugin_releases/', search: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.parts).toEqual(
      expect.arrayContaining([
        { name: 'plugin', value: '4', size: 1 },
        { name: 'version', value: '1.0.0', size: 5 },
        expect.objectContaining({
          name: 'file',
          filename: 'release-1.0.0.zip',
          value: '\x50\x4b\x03\x04\xff\x00',
          size: 6,
        }),
      ]),
    );
    expect(req.parts).toHaveLength(4);
    const config = req.parts?.find((part) => part.name === 'config');
    expect(JSON.parse(config?.value ?? '')).toEqual({ actions: { train: {} } });
  });

  it('createPluginRelease: bytes are named after the field, a Blob keeps its name', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugin_releases/', 2).reply(201, { id: 11 });
    await client.createPluginRelease({ plugin: 4, file: new Uint8Array([1, 2, 3]) });
    await client.createPluginRelease({ plugin: 4, file: new File(['zip'], 'named.zip') });
    const [bytes, blob] = await api.all();
    expect(bytes?.parts?.find((part) => part.name === 'file')).toMatchObject({ filename: 'file', size: 3 });
    expect(blob?.parts?.find((part) => part.name === 'file')).toMatchObject({
      filename: 'named.zip',
      value: 'zip',
    });
    expect(bytes?.headers).toMatchObject(AUTH);
  });

  it.each([
    ['without file', { plugin: 4 }],
    ['with a null file', { plugin: 4, file: null }],
  ])('createPluginRelease %s says the archive is required, and sends nothing', async (_, data) => {
    const { api, client } = setup();
    const error = await client.createPluginRelease(data as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'data.file',
      message: 'data.file is required: the release archive (path, Blob, bytes or stream)',
    });
    expect(api.requests).toEqual([]);
  });
});
