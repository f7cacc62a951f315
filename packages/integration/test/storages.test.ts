import { StorageSchema } from '@synapse/core/internal';
import { useMockNetwork } from '@synapse/testing';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PageIterator, ResponseValidationError, ValidationError } from '../src/index.js';
import { AUTH, BASE, recordingClient, setup } from './helpers.js';

useMockNetwork();

const STORAGE = {
  id: 1,
  name: 'local',
  category: 'internal',
  provider: 'file_system',
  configuration: {},
  is_default: true,
};

describe('IntegrationClient storages', () => {
  it('a valid storage payload validates unchanged (behavior 1)', () => {
    const parsed = v.parse(StorageSchema, STORAGE);
    expect(parsed).toEqual(STORAGE);
    expect(parsed.id).toBe(1);
  });

  it('an unknown provider is exactly one validation error (behavior 2)', () => {
    const result = v.safeParse(StorageSchema, { ...STORAGE, provider: 'dropbox' });
    expect(result.success).toBe(false);
    expect(result.issues).toHaveLength(1);
  });

  it('getStorage: GET storages/{id}/?with_configuration=True, validated', async () => {
    const { api, client } = setup();
    api.on('GET', '/storages/1/').reply(200, { ...STORAGE, created: '2026-01-01' });
    expect(await client.getStorage(1)).toEqual({ ...STORAGE, created: '2026-01-01' });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/storages/1/',
      search: 'with_configuration=True',
      body: '',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getStorage rejects a storage with an unknown provider', async () => {
    const { api, client } = setup();
    api.on('GET', '/storages/1/').reply(200, { ...STORAGE, provider: 'dropbox' });
    const error = await client.getStorage(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      method: 'GET',
      url: `${BASE}/storages/1/?with_configuration=True`,
      path: 'provider',
    });
    expect((error as ResponseValidationError).issues).toHaveLength(1);
    expect((error as ResponseValidationError).issues[0]).toContain('provider');
  });

  it('getStorage rejects a storage without its configuration', async () => {
    const { api, client } = setup();
    const { configuration: _, ...withoutConfiguration } = STORAGE;
    api.on('GET', '/storages/1/').reply(200, withoutConfiguration);
    await expect(client.getStorage(1)).rejects.toMatchObject({
      name: 'ResponseValidationError',
      path: 'configuration',
      issues: ['configuration: missing'],
    });
  });

  it('listStorages: GET storages/ returns the page', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [STORAGE] };
    api.on('GET', '/storages/').reply(200, page);
    expect(await client.listStorages({ provider: 'file_system' })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/storages/',
      query: { provider: 'file_system' },
      body: '',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listStorages listAll follows next', async () => {
    const { api, client } = setup();
    api.on('GET', '/storages/').reply(200, {
      count: 2,
      next: `${BASE}/storages/?page=2&page_size=100`,
      previous: null,
      results: [STORAGE],
    });
    api
      .on('GET', '/storages/')
      .reply(200, { count: 2, next: null, previous: null, results: [{ ...STORAGE, id: 2 }] });
    const all = await client.listStorages(undefined, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect((await all.toArray()).map((s) => s.id)).toEqual([1, 2]);
    expect((await api.all()).map((r) => r.search)).toEqual(['page_size=100', 'page=2&page_size=100']);
  });

  it('createStorage: POST storages/ with JSON', async () => {
    const { api, client } = setup();
    api.on('POST', '/storages/').reply(201, { ...STORAGE, id: 2 });
    const data = {
      name: 'bucket',
      category: 'external',
      provider: 'amazon_s3',
      configuration: { bucket_name: 'b' },
    } as const;
    expect(await client.createStorage(data)).toEqual({ ...STORAGE, id: 2 });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/storages/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('createStorage refuses an unknown provider before sending', async () => {
    const { client, sent } = recordingClient();
    const error = await client
      .createStorage({ name: 'x', category: 'external', provider: 'dropbox' as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('data.provider');
    expect(sent).toEqual([]);
  });
});
