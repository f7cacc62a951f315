import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { useEmulator, useTempDir } from '@synapse/testing';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedBytes, type ScenarioInput, type ScenarioReport } from '../src/scenario.js';
import { bundle } from './bundles.js';
import { launchChromium, pageServer, servedDuring } from './harness.js';

const MIB = 1024 * 1024;
const here = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(here, 'node_modules', '.bin', name);
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const run = promisify(execFile);

const emulator = useEmulator();
const temp = useTempDir('synapse-runtimes-');
/** A file on disk for the runtimes that can read one by its path. */
const fileBytes = generatedBytes(5 * MIB + 3).map((byte) => byte ^ 0x5a);
let filePath: string;
beforeAll(async () => {
  filePath = join(temp.path, 'on-disk.bin');
  await writeFile(filePath, fileBytes);
});

const input = (uploadBytes: number, withPath: boolean): ScenarioInput => ({
  backendUrl: emulator.emulator.backendUrl,
  accessToken: emulator.emulator.tokens.accessToken,
  uploadBytes,
  ...(withPath ? { filePath } : {}),
});

const PUT = 'backend PUT /chunked_upload/{id}/';
const PUT_NEW = 'backend PUT /chunked_upload/';
const POST = 'backend POST /chunked_upload/{id}/';

/** What every runtime must report, its path upload aside; and the requests the emulator saw. */
function expectScenario(
  report: ScenarioReport,
  runtime: string,
  uploadBytes: number,
  served: Record<string, number>,
  pathUploaded: boolean,
) {
  const chunk = 4 * MIB;
  const offsets = [0];
  for (let at = chunk; at < uploadBytes; at += chunk) offsets.push(at);
  offsets.push(uploadBytes);
  expect(report).toMatchObject({
    runtime,
    project: { id: 1, title: 'Demo project' },
    taskIds: [1, 2, 3],
    // The emulator stored the bytes and checked this MD5 against them before it answered `complete`.
    upload: {
      status: 'complete',
      offset: uploadBytes,
      md5: md5(generatedBytes(uploadBytes)),
      progress: offsets,
    },
    streamUpload: { md5: md5(generatedBytes(uploadBytes)) },
    aborted: { name: 'AbortError', isAbortError: true },
    missing: { name: 'NotFoundError', status: 404, isNotFound: true },
  });
  // Each upload: a PUT creating it, one per further chunk, the completing POST; the aborted one: its first PUT only.
  // The file on disk (two chunks) where there is a file system.
  const further = offsets.length - 2;
  const path = pathUploaded ? 1 : 0;
  expect([served[PUT_NEW], served[PUT] ?? 0, served[POST]]).toEqual([3 + path, 2 * further + path, 2 + path]);
}

const counting = <T>(action: () => Promise<T>) => servedDuring(emulator.emulator, action);

const refused = (message: string) => ({
  error: { name: 'ValidationError', isValidationError: true, message },
});
const PATH_REFUSED = refused(
  'file: a file path needs Node.js (or Bun, Deno); here pass a File, Blob, bytes or a stream',
);
const JOURNAL_REFUSED = refused(
  'journal needs Node.js (or Bun, Deno): the journal is a file on disk; here leave it out and keep the ' +
    'per-record report instead',
);
const URL_CONVERSION_REFUSED = refused(
  'urlConversion needs Node.js (or Bun, Deno): it downloads each file into a cache folder on disk; ' +
    'here read the file URLs from the reply and fetch what you need',
);

describe('Deno and Bun, from their npm packages, resolving the packages as installed', () => {
  it.each([
    [
      'deno',
      [
        'run',
        '--allow-net',
        '--allow-read',
        '--allow-write',
        '--allow-env',
        '--allow-sys',
        '--node-modules-dir=manual',
      ],
    ],
    ['bun', ['run']],
  ])('%s runs every call, a chunked upload of a Blob and of a path included', async (runtime, args) => {
    const size = 9 * MIB + 5;
    const { result, served } = await counting(() =>
      run(bin(runtime), [...args, 'src/cli.ts', JSON.stringify(input(size, true))], { cwd: here }),
    );
    const report = JSON.parse(result.stdout) as ScenarioReport;
    expectScenario(report, runtime, size, served, true);
    expect(report.path).toEqual({ md5: md5(fileBytes) });
    // The first task's file, downloaded into the cache folder and named by the MD5 of its URL.
    expect(report.urlConversion).toMatchObject({
      files: { image_1: { path: expect.stringMatching(/synapse-sdk[\\/]media[\\/][0-9a-f]{32}\.\w+$/) } },
    });
    // The journal on disk: one line for the record's batch, one for the record.
    expect(report.journal).toEqual({ created: 1, skipped: 0 });
    const lines = (await readFile(`${filePath}.${runtime}.jsonl`, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(['intent', 'done']);
  });
});

describe('workerd, through miniflare, with the bundle a worker build makes', () => {
  let worker: Miniflare;
  beforeAll(async () => {
    worker = new Miniflare({
      modules: true,
      script: await bundle('src/worker.ts', 'worker'),
      compatibilityDate: '2025-09-01',
    });
    await worker.ready;
  });
  afterAll(() => worker?.dispose());

  it('runs every call; a path is refused before any request, naming Node', async () => {
    const size = 6 * MIB + 1;
    const { result: reply, served } = await counting(async () => {
      const response = await worker.dispatchFetch('http://worker.test/', {
        method: 'POST',
        body: JSON.stringify(input(size, false)),
      });
      return (await response.json()) as ScenarioReport;
    });
    expectScenario(reply, 'workerd', size, served, false);
    expect(reply.path).toEqual(PATH_REFUSED);
    expect(reply.urlConversion).toEqual(URL_CONVERSION_REFUSED);
    expect(reply.journal).toEqual(JOURNAL_REFUSED);
  });
});

describe('Chromium, with the page a default esbuild build makes, served from another origin', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Awaited<ReturnType<typeof browser.newPage>>;
  let site: Awaited<ReturnType<typeof pageServer>>;
  beforeAll(async () => {
    site = await pageServer(await bundle('src/page.ts', 'browser'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'runScenario' in globalThis);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('runs every call, a 20 MiB Blob through the chunked upload; a path is refused naming Node', async () => {
    const size = 20 * MIB;
    const { result: report, served } = await counting(() =>
      page.evaluate(
        (given) =>
          (
            globalThis as unknown as { runScenario: (i: ScenarioInput) => Promise<ScenarioReport> }
          ).runScenario(given),
        input(size, false),
      ),
    );
    expectScenario(report, 'chromium', size, served, false);
    expect(report.path).toEqual(PATH_REFUSED);
    expect(report.urlConversion).toEqual(URL_CONVERSION_REFUSED);
    expect(report.journal).toEqual(JOURNAL_REFUSED);
  });

  it('a server that does not allow the page’s origin: a ConnectionError that names CORS', async () => {
    // The page's own server sends no CORS headers; from the emulator's origin it is another one.
    const other = await pageServer('');
    try {
      const error = await page.evaluate(
        (baseUrl) =>
          (globalThis as unknown as { callWithoutCors: (url: string) => Promise<unknown> }).callWithoutCors(
            baseUrl,
          ),
        other.url.replace(/\/$/, ''),
      );
      expect(error).toEqual({
        name: 'ConnectionError',
        status: 503,
        message:
          "Backend request failed, and the browser hides why: most often CORS (the server does not allow this page's " +
          'origin; the browser console names the header), else the server is unreachable or the connection dropped ' +
          `(GET ${other.url}projects/1/)`,
      });
    } finally {
      await other.close();
    }
  });
});
