import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { localServer } from './helpers/local-server.js';
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
});
