import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockApi, useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadToCache } from '../src/download.js';
import {
  ConnectionError,
  mapLimit,
  NotFoundError,
  TimeoutError,
  type UrlConversion,
  ValidationError,
} from '../src/internal.js';
import { convertUrls, type ResolvedUrlConversion, resolveUrlConversion } from '../src/url-conversion.js';
import { closedPort, localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

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

describe('the urlConversion option', () => {
  class Converter extends TestClient {
    convertWith<T>(value: T, option: UrlConversion | undefined, isList: boolean) {
      return this.urlConverter(option, { filesFields: ['file'], isList })(value);
    }
  }

  async function mediaServer() {
    const seen: string[] = [];
    const server = await localServer((req, res) => {
      seen.push(String(req.url));
      res.end(`bytes of ${req.url}`);
    });
    return { ...server, seen };
  }

  it('false, or none, converts nothing; true converts with the defaults of the method', async () => {
    const media = await mediaServer();
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new Converter({ baseUrl: BASE, apiToken: TOKEN });
      const url = `${media.url}/a.txt`;
      expect(await client.convertWith({ file: url }, false, false)).toEqual({ file: url });
      expect(await client.convertWith({ file: url }, undefined, false)).toEqual({ file: url });
      expect(media.seen).toEqual([]);
      const page = { results: [{ file: url }] };
      const converted = await client.convertWith(page, { cacheDir }, true);
      expect(converted).toBe(page);
      expect(await readFile(page.results[0]?.file ?? '', 'utf8')).toBe('bytes of /a.txt');
      expect(media.seen).toEqual(['/a.txt']);
    } finally {
      await media.close();
    }
  });

  it('isList given by the caller wins over the default of the method', async () => {
    const media = await mediaServer();
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new Converter({ baseUrl: BASE, apiToken: TOKEN });
      const object = { file: `${media.url}/object.txt`, results: [{ file: `${media.url}/item.txt` }] };
      await client.convertWith(object, { cacheDir, isList: false }, true);
      expect(object.file.startsWith(cacheDir)).toBe(true);
      expect(object.results[0]?.file).toBe(`${media.url}/item.txt`);
      const page = { file: `${media.url}/page.txt`, results: [{ file: `${media.url}/item.txt` }] };
      await client.convertWith(page, { cacheDir, isList: true }, false);
      expect(page.file).toBe(`${media.url}/page.txt`);
      expect(page.results[0]?.file.startsWith(cacheDir)).toBe(true);
    } finally {
      await media.close();
    }
  });

  it('a value that is no page, or a page without results, is returned as it is', async () => {
    const client = new Converter({ baseUrl: BASE, apiToken: TOKEN });
    expect(await client.convertWith(null, true, true)).toBeNull();
    expect(await client.convertWith('text', true, true)).toBe('text');
    expect(await client.convertWith({ count: 0 }, true, true)).toEqual({ count: 0 });
    expect(await client.convertWith({ results: 'none' }, true, true)).toEqual({ results: 'none' });
  });

  it('true converts the results of a first page too, into the default cache folder', async () => {
    const media = await mediaServer();
    vi.stubEnv('TMPDIR', await mkdtemp(join(tmpdir(), 'synapse-temp-')));
    try {
      const api = new MockApi(BASE);
      api.on('GET', '/things/').reply(200, {
        count: 1,
        next: null,
        previous: null,
        results: [{ files: { a: `${media.url}/1.txt` } }],
      });
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
      const page = await client.listPath('things/', undefined, { urlConversion: true });
      const item = page.results[0] as { files: { a: string } };
      expect(item.files.a.startsWith(join(tmpdir(), 'synapse-sdk', 'media'))).toBe(true);
      expect(await readFile(item.files.a, 'utf8')).toBe('bytes of /1.txt');
      expect(media.seen).toEqual(['/1.txt']);
    } finally {
      vi.unstubAllEnvs();
      await media.close();
    }
  });

  it.each([
    ['null', null, 'urlConversion', 'urlConversion must be true, false or an options object'],
    ['a number', 1, 'urlConversion', 'urlConversion must be true, false or an options object'],
    ['a concurrency of 0', { concurrency: 0 }, 'urlConversion.concurrency', 'must be a whole number ≥ 1'],
    [
      'a fractional concurrency',
      { concurrency: 1.5 },
      'urlConversion.concurrency',
      'must be a whole number ≥ 1',
    ],
  ])('rejects %s before any request', async (_, urlConversion, argument, message) => {
    const api = new MockApi(BASE);
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
    const error = await client
      .listPath('things/', undefined, { urlConversion: urlConversion as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument, message: expect.stringContaining(message) });
    expect(api.requests).toEqual([]);
  });

  it('a concurrency of 1 downloads one file at a time', async () => {
    const conversion = resolveUrlConversion({ concurrency: 1 }, { filesFields: ['file'], isList: true });
    let running = 0;
    let most = 0;
    const download = async (url: string) => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      running--;
      return `/cache/${url.slice(-5)}`;
    };
    const items = [{ file: 'http://m/1.png' }, { file: 'http://m/2.png' }, { file: 'http://m/3.png' }];
    await convertUrls(items, conversion as ResolvedUrlConversion, download);
    expect(items.map((i) => i.file)).toEqual(['/cache/1.png', '/cache/2.png', '/cache/3.png']);
    expect(most).toBe(1);
  });
});

describe('convertUrls', () => {
  const conversion = (filesFields: string[], coerce?: (p: string) => unknown): ResolvedUrlConversion => ({
    filesFields,
    coerce,
    isList: true,
    cacheDir: undefined,
    concurrency: 8,
  });
  const downloads: string[] = [];
  const download = async (url: string) => {
    downloads.push(url);
    return `/cache/${url.split('/').pop()}`;
  };
  afterEach(() => {
    downloads.length = 0;
  });

  it('converts a list of URLs item by item', async () => {
    const item = { files: ['https://m/a.png', 'https://m/b.png'] };
    await convertUrls([item], conversion(['files']), download);
    expect(item.files).toEqual(['/cache/a.png', '/cache/b.png']);
  });

  it('converts only values that are URLs: http(s) at the start, in any case', async () => {
    const item = {
      files: { a: 'HTTPS://m/a.png', note: 'see https://m/b.png', rel: 'media/c.png', ftp: 'ftp://m/d.png' },
    };
    await convertUrls([item], conversion(['files']), download);
    expect(item.files).toEqual({
      a: '/cache/a.png',
      note: 'see https://m/b.png',
      rel: 'media/c.png',
      ftp: 'ftp://m/d.png',
    });
    expect(downloads).toEqual(['HTTPS://m/a.png']);
  });

  it('follows a dotted path; a missing or null step on the way leaves the item as it is', async () => {
    const items: Record<string, unknown>[] = [
      { meta: { media: { file: 'http://m/deep.png' } } },
      {},
      { meta: null },
      { meta: { media: null } },
      { meta: 'text' },
    ];
    const before = structuredClone(items.slice(1));
    await convertUrls(items, conversion(['meta.media.file']), download);
    expect(items[0]).toEqual({ meta: { media: { file: '/cache/deep.png' } } });
    expect(items.slice(1)).toEqual(before);
  });

  it('leaves fields that hold no URL, and items that are no objects, as they are', async () => {
    const items: unknown[] = [
      { files: null },
      { files: undefined },
      { files: 7 },
      { files: 'media/a.png' },
      { files: { meta: { size: 3 }, empty: null, gone: undefined, count: 2 } },
      null,
      5,
      'http://m/top.png',
    ];
    const before = structuredClone(items);
    await convertUrls(items, conversion(['files']), download);
    expect(items).toEqual(before);
    expect(downloads).toEqual([]);
  });

  it('replaces the url of a file object by the local path, coerced', async () => {
    const item = { files: { image: { url: 'http://m/i.png', size: 3 } } };
    await convertUrls(
      [item],
      conversion(['files'], (p) => `local:${p}`),
      download,
    );
    expect(item.files.image).toEqual({ size: 3, path: 'local:/cache/i.png' });
  });
});

describe('mapLimit', () => {
  it('keeps the order of the results and runs at most `limit` tasks at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      for (let i = 0; i < n; i++) await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('of no items is an empty list', async () => {
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });
});

describe('the download cache', () => {
  it('the same file asked for twice at once is downloaded once', async () => {
    const seen: string[] = [];
    const media = await localServer((req, res) => {
      seen.push(String(req.url));
      setTimeout(() => res.end('shared bytes'), 20);
    });
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
      const item = { files: { a: `${media.url}/same.png?sig=1`, b: `${media.url}/same.png?sig=2` } };
      await client.convert(item, ['files'], false, cacheDir);
      expect(item.files.a).toBe(item.files.b);
      expect(await readFile(item.files.a, 'utf8')).toBe('shared bytes');
      expect(seen).toHaveLength(1);
    } finally {
      await media.close();
    }
  });

  it('a download that failed is asked for again next time', async () => {
    let requests = 0;
    const media = await localServer((_req, res) => {
      requests++;
      if (requests === 1) res.writeHead(404).end('not yet');
      else res.end('now here');
    });
    try {
      const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-conv-'));
      const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
      const url = `${media.url}/later.png`;
      await expect(client.convert({ file: url }, ['file'], false, cacheDir)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const item = { file: url };
      await client.convert(item, ['file'], false, cacheDir);
      expect(await readFile(item.file, 'utf8')).toBe('now here');
      expect(requests).toBe(2);
    } finally {
      await media.close();
    }
  });

  it('without a cacheDir, files go to <temp dir>/synapse-sdk/media', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'synapse-temp-'));
    vi.stubEnv('TMPDIR', temp);
    try {
      const path = await downloadToCache('http://media.test/a/b.png?sig=1', undefined, async () =>
        (async function* () {
          yield new TextEncoder().encode('png bytes');
        })(),
      );
      expect(path).toMatch(new RegExp(`^${temp}/synapse-sdk/media/[0-9a-f]{32}\\.png$`));
      expect(await readFile(path, 'utf8')).toBe('png bytes');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a cache file that cannot be written fails with the reason, and leaves nothing behind', async () => {
    const cacheDir = join(await mkdtemp(join(tmpdir(), 'synapse-conv-')), 'cache');
    const error = await downloadToCache('http://media.test/c.png', cacheDir, async () => {
      await rm(cacheDir, { recursive: true }); // e.g. a clean-up of the temp dir meanwhile
      return (async function* () {
        yield new TextEncoder().encode('bytes');
      })();
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOENT', syscall: 'open' });
    expect(existsSync(cacheDir)).toBe(false);
  });
});
