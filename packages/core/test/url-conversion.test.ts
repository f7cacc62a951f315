import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, NotFoundError, TimeoutError, ValidationError } from '../src/index.js';
import { closedPort, localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('URL conversion (spec §6)', () => {
  it('downloads URLs in string, dict and dict-of-dict fields, once per URL, without auth headers', async () => {
    const seen: { url?: string; auth?: string }[] = [];
    const media = await localServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers['synapse-access-token'] as string | undefined });
      res.end(`bytes of ${req.url}`);
    });
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
      const page = {
        count: 1,
        results: [
          {
            id: 1,
            file: `${media.url}/a.png?sig=1`,
            files: { image: `${media.url}/b.jpg`, meta: { url: `${media.url}/c.json`, size: 3 }, note: 'x' },
            data: { files: { pcd: `${media.url}/d.pcd` } },
          },
          { id: 2, other: 'no files' },
        ],
      };
      await client.convert(page, ['file', 'files', 'data.files', 'missing.path'], true, cacheDir);
      const item = page.results[0] as Record<string, unknown> & {
        files: Record<string, unknown>;
        data: { files: Record<string, string> };
      };
      expect(item.file).toMatch(new RegExp(`^${cacheDir}/[0-9a-f]{32}\\.png$`));
      expect(await readFile(item.file as string, 'utf8')).toBe('bytes of /a.png?sig=1');
      expect(await readFile(item.files.image as string, 'utf8')).toBe('bytes of /b.jpg');
      expect(item.files.meta).toEqual({ size: 3, path: expect.stringMatching(/\.json$/) });
      expect(item.files.note).toBe('x');
      expect(item.data.files.pcd).toMatch(/\.pcd$/);
      expect(seen.every((s) => s.auth === undefined)).toBe(true);
      const before = seen.length;
      await client.convert({ file: `${media.url}/a.png?sig=2` }, ['file'], false, cacheDir);
      expect(seen.length).toBe(before); // cached by URL without its query
    } finally {
      await media.close();
    }
  });

  it('listAll with urlConversion converts every page; coerce is applied', async () => {
    const media = await localServer((req, res) => res.end(String(req.url)));
    try {
      const api = new MockApi(BASE);
      api.on('GET', '/things/').reply(200, {
        count: 2,
        next: `${BASE}/things/?page=2`,
        previous: null,
        results: [{ files: { a: `${media.url}/1.txt` } }],
      });
      api.on('GET', '/things/').reply(200, {
        count: 2,
        next: null,
        previous: null,
        results: [{ files: { a: `${media.url}/2.txt` } }],
      });
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
      const all = await client.listPath('things/', undefined, {
        listAll: true,
        urlConversion: { cacheDir, coerce: (p: string) => `local:${p}` },
      });
      const items = (await all.toArray()) as { files: { a: string } }[];
      expect(items.map((i) => i.files.a.startsWith(`local:${cacheDir}`))).toEqual([true, true]);
      expect((await api.all()).map((r) => r.search)).toEqual(['page_size=100', 'page=2']);
    } finally {
      await media.close();
    }
  });

  it('rejects a malformed urlConversion before any request', async () => {
    const client = new TestClient({ baseUrl: BASE });
    await expect(
      client.listPath('things/', undefined, { urlConversion: 'yes' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.listPath('things/', undefined, { urlConversion: { concurrency: 0 } }),
    ).rejects.toMatchObject({ argument: 'urlConversion.concurrency' });
  });

  it("a media server that stalls: the client's read timeout ends the download, no partial file is left", async () => {
    let requests = 0;
    const media = await localServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write('first bytes'); // then nothing more
    });
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN, timeout: { read: 0.2 } });
      const error = await client
        .convert({ file: `${media.url}/big.png` }, ['file'], false, cacheDir)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ status: 408, phase: 'read', method: 'GET', url: `${media.url}/big.png` });
      expect(await readdir(cacheDir)).toEqual([]);
      expect(requests).toBe(1);
    } finally {
      await media.close();
    }
  });

  it('a media server that refuses: a ConnectionError after the retries, not a raw TypeError', async () => {
    const url = `${await closedPort()}/gone.jpg`;
    const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      maxRetries: 2,
      retry: { initialDelay: 0.01 },
    });
    const error = await client.convert({ file: url }, ['file'], false, cacheDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, reason: 'Backend connection refused', method: 'GET', url });
  });

  it('a flaky media server is retried like any GET; a 404 is a NotFoundError', async () => {
    const seen: { url?: string; auth?: string }[] = [];
    const media = await localServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers['synapse-access-token'] as string | undefined });
      if (req.url === '/missing.png') res.writeHead(404).end('no such file');
      else if (seen.length === 1) res.writeHead(503).end('busy');
      else res.end('image bytes');
    });
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN, retry: { initialDelay: 0.01 } });
      const item = { file: `${media.url}/ok.png` };
      await client.convert(item, ['file'], false, cacheDir);
      expect(await readFile(item.file, 'utf8')).toBe('image bytes');
      const missing = await client
        .convert({ file: `${media.url}/missing.png` }, ['file'], false, cacheDir)
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(missing).toMatchObject({ status: 404, body: 'no such file' });
      expect(seen).toEqual([
        { url: '/ok.png', auth: undefined },
        { url: '/ok.png', auth: undefined },
        { url: '/missing.png', auth: undefined },
      ]);
    } finally {
      await media.close();
    }
  });
});
