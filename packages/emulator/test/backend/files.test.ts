import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

async function chunkedUpload(data: Buffer, filename: string): Promise<string> {
  const form = new FormData();
  form.append('filename', filename);
  form.append('file', new Blob([new Uint8Array(data)]), 'file');
  const first = await t.call('PUT', 'chunked_upload/', {
    body: form,
    headers: { 'Content-Range': `bytes 0-${data.length - 1}/${data.length}` },
  });
  const done = await t.call('POST', first.body.url, { json: { md5: md5(data) } });
  expect(done.status).toBe(200);
  return done.body.id;
}

describe('data files', () => {
  it('stores a multipart file, serves it from its URL and reports checksums', async () => {
    const data = Buffer.from('pixel data');
    const form = new FormData();
    form.append('file', new Blob([data]), 'photo.png');
    const reply = await t.call('POST', 'data_files/', { body: form });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ checksum: sha1(data), md5: md5(data), size: data.length });
    expect(reply.body.meta.filename).toBe('photo.png');
    expect(reply.body.file).toMatch(new RegExp(`^${t.emulator.backendUrl}/media/data_files/\\d+/photo.png$`));
    const download = await fetch(reply.body.file);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(data);
  });

  it('creates a data file from a completed chunked upload', async () => {
    const data = Buffer.from('chunked bytes '.repeat(100));
    const upload = await chunkedUpload(data, 'big.bin');
    const reply = await t.call('POST', 'data_files/', {
      json: { chunked_upload: upload, meta: { filename: 'big.bin' } },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      checksum: sha1(data),
      size: data.length,
      meta: { filename: 'big.bin' },
    });
    expect(Buffer.from(await (await fetch(reply.body.file)).arrayBuffer())).toEqual(data);
    const unknown = await t.call('POST', 'data_files/', { json: { chunked_upload: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.chunked_upload).toBeDefined();
    expect(await t.call('POST', 'data_files/', { json: {} })).toMatchObject({
      status: 400,
      body: { chunked_upload: ['This field is required.'] },
    });
  });

  it('stores a path-traversal filename safely', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')]), '../../../etc/passwd');
    const reply = await t.call('POST', 'data_files/', { body: form });
    expect(reply.status).toBe(201);
    expect(new URL(reply.body.file).pathname).toMatch(/^\/media\/data_files\/\d+\/passwd$/);
    // fetch folds the `..` away itself, so this reaches /etc/passwd (no such route: 4xx).
    expect((await fetch(`${t.emulator.backendUrl}/media/../../etc/passwd`)).status).toBeGreaterThanOrEqual(
      400,
    );
    expect(
      (await fetch(`${t.emulator.backendUrl}/media/data_files/..%2F..%2F..%2F..%2Fetc%2Fpasswd`)).status,
    ).toBe(404);
  });

  it('keeps a UTF-8 part filename exactly as sent', async () => {
    const name = 'résumé-数据.bin';
    const data = Buffer.from('bytes with a non-ASCII name');
    const form = new FormData();
    form.append('file', new Blob([data]), name);
    const reply = await t.call('POST', 'data_files/', { body: form });
    expect(reply.status).toBe(201);
    expect(reply.body.meta.filename).toBe(name);
    const url = new URL(reply.body.file);
    expect(decodeURIComponent(url.pathname.split('/').pop() ?? '')).toBe(name);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_-__.bin"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(data);

    const chunk = new FormData();
    chunk.append('file', new Blob([data]), name);
    const upload = await t.call('PUT', 'chunked_upload/', {
      body: chunk,
      headers: { 'Content-Range': `bytes 0-${data.length - 1}/${data.length}` },
    });
    expect(upload.body.filename).toBe(name);
  });

  it('404 for a media path with a malformed percent escape', async () => {
    for (const path of ['/media/%E0%A4%A', '/media/data_files/1/%', '/media/%ZZ.json']) {
      const reply = await fetch(`${t.emulator.backendUrl}${path}`);
      expect(reply.status).toBe(404);
      expect(await reply.json()).toEqual({ detail: 'Not found.' });
    }
  });

  it('400 when the multipart body has no file part', async () => {
    const form = new FormData();
    form.append('meta', '{}');
    expect(await t.call('POST', 'data_files/', { body: form })).toMatchObject({
      status: 400,
      body: { file: ['This field is required.'] },
    });
  });

  it('verifies checksums', async () => {
    const seeded = (await t.call('GET', 'data_units/1/')).body.files.image_1.checksum;
    const reply = await t.call('POST', 'data_files/verify_checksums/', {
      json: { checksums: [seeded, 'missing'] },
    });
    expect(reply.body).toEqual({ existing: [seeded], missing: ['missing'] });
  });
});

describe('data units, collections and tasks', () => {
  it('bulk-creates data units and tasks on them', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('unit file')]), 'u.png');
    const file = (await t.call('POST', 'data_files/', { body: form })).body;
    const units = await t.call('POST', 'data_units/', {
      json: [
        {
          data_collection: 1,
          files: { image_1: { checksum: file.checksum, path: 'u.png' } },
          meta: { n: 1 },
        },
        {
          data_collection: 1,
          files: { image_1: { checksum: file.checksum, path: 'u.png' } },
          meta: { n: 2 },
        },
      ],
    });
    expect(units.status).toBe(201);
    expect(units.body).toHaveLength(2);
    expect(units.body[0].files.image_1.url).toBe(file.file);
    const tasks = await t.call('POST', 'tasks/', {
      json: units.body.map((unit: { id: number }) => ({ project: 1, data_unit: unit.id })),
    });
    expect(tasks.body[0]).toMatchObject({ project: 1, data_unit: units.body[0].id, status: 'pending' });
    expect(tasks.body[0].files.image_1.url).toBe(file.file);
    const listed = await t.call('GET', `data_units/?data_collection=1&page_size=1000`);
    expect(listed.body.count).toBe(5);
    const bad = await t.call('POST', 'data_units/', {
      json: [{ data_collection: 1, files: { a: { checksum: 'x' } } }],
    });
    expect(bad.status).toBe(400);
  });

  it('serves data collections with and without expanded file specifications', async () => {
    const plain = await t.call('GET', 'data_collections/1/');
    expect(plain.body.file_specifications).toEqual([1, 2]);
    const expanded = await t.call('GET', 'data_collections/1/?expand=file_specifications');
    expect(expanded.body.file_specifications[0]).toMatchObject({ id: 1, name: 'image_1', is_required: true });
    expect((await t.call('GET', 'data_collections/')).body.count).toBe(1);
  });

  it('gets a task with params, annotates it and sets tags', async () => {
    expect((await t.call('GET', 'tasks/1/?expand=data_unit')).body.id).toBe(1);
    const annotated = await t.call('PUT', 'tasks/2/annotate_task_data/', { json: { boxes: [[1, 2, 3, 4]] } });
    expect(annotated.body.data).toEqual({ boxes: [[1, 2, 3, 4]] });
    const tagged = await t.call('POST', 'tasks/set_tags/', {
      json: { ids: [2, 3], tags: [1, 2], action: 'add' },
    });
    expect(tagged.body).toMatchObject({ updated: 2 });
    expect((await t.call('GET', 'tasks/2/')).body.tags).toEqual([1, 2]);
    await t.call('POST', 'tasks/set_tags/', { json: { task_ids: [2], tag_ids: [1], action: 'remove' } });
    expect((await t.call('GET', 'tasks/2/')).body.tags).toEqual([2]);
    await t.call('POST', 'tasks/set_tags/', { json: { ids: [2], tags: ['urgent'], action: 'set' } });
    expect((await t.call('GET', 'tasks/2/')).body.tags).toEqual([1]);
    expect((await t.call('POST', 'tasks/set_tags/', { json: { ids: [2], tags: [99] } })).status).toBe(400);
    expect(
      (await t.call('POST', 'tasks/set_tags/', { json: { ids: [2], tags: [1], action: 'x' } })).status,
    ).toBe(400);
    expect((await t.call('GET', 'sdk/tasks/?tags=1')).body.count).toBeGreaterThan(0);
  });

  it('serves projects, task tags and assignments', async () => {
    expect((await t.call('GET', 'projects/1/')).body).toMatchObject({ id: 1, title: 'Demo project' });
    expect((await t.call('GET', 'task_tags/1/')).body).toMatchObject({ id: 1, name: 'urgent', project: 1 });
    expect((await t.call('GET', 'task_tags/?project=1')).body.count).toBe(2);
    const assignments = await t.call('GET', 'sdk/assignments/?project=1');
    expect(assignments.body.count).toBe(2);
    expect(assignments.body.results[0].files.image_1.url).toContain('/media/');
    expect((await t.call('GET', 'assignments/1/')).body).toMatchObject({ id: 1, task: 1 });
    const tagged = await t.call('POST', 'assignments/set_tags/', {
      json: { assignment_ids: [1], tag_ids: [2] },
    });
    expect(tagged.status).toBe(200);
    expect((await t.call('GET', 'assignments/1/')).body.tags).toEqual([2]);
  });
});

describe('models and ground truth', () => {
  it('creates a model from a chunked upload and serves its file', async () => {
    const data = Buffer.from('weights');
    const upload = await chunkedUpload(data, 'model.pt');
    const model = await t.call('POST', 'models/', {
      json: { name: 'My model', chunked_upload: upload, plugin: 1 },
    });
    expect(model.status).toBe(201);
    expect(model.body).toMatchObject({ name: 'My model', plugin: 1, size: data.length });
    expect(model.body.file).toMatch(/\/media\/models\/\d+\/model.pt$/);
    expect(Buffer.from(await (await fetch(model.body.file)).arrayBuffer())).toEqual(data);
    expect((await t.call('GET', `models/${model.body.id}/`)).body.id).toBe(model.body.id);
    expect((await t.call('GET', 'models/')).body.count).toBe(2);
    expect((await t.call('POST', 'models/', { json: { name: 'x' } })).status).toBe(400);
    const seeded = await t.call('GET', 'models/1/');
    expect((await fetch(seeded.body.file)).status).toBe(200);
  });

  it('serves ground truth versions and events', async () => {
    expect((await t.call('GET', 'ground_truth_dataset_versions/1/')).body).toMatchObject({ id: 1 });
    const events = await t.call('GET', 'sdk/ground_truth_events/?ground_truth_dataset_versions=1');
    expect(events.body.count).toBe(2);
    expect(events.body.results[0].files.image_1.url).toContain('/media/');
    expect((await t.call('GET', 'sdk/ground_truth_events/?ground_truth_dataset_versions=2')).body.count).toBe(
      0,
    );
  });
});
