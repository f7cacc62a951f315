import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { useEmulator } from '@synapse/testing';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedBytes } from '../src/scenario.js';
import { bundle } from './bundles.js';
import { launchChromium, pageServer, servedDuring } from './harness.js';

const emulator = useEmulator();
const readme = () => readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const example = (name: string) =>
  readFile(fileURLToPath(new URL(`../examples/${name}`, import.meta.url)), 'utf8');

describe("the README's Runtimes examples", () => {
  it.each(['browser-upload.ts', 'edge-worker.ts'])(
    '%s is in the README as it is here, where it is run',
    async (name) => {
      const marker = `<!-- tested: apps/runtimes/examples/${name} -->\n\n\`\`\`ts\n`;
      const text = await readme();
      const start = text.indexOf(marker);
      expect(start, `README.md has no block after ${marker.trim()}`).toBeGreaterThan(-1);
      const block = text.slice(start + marker.length, text.indexOf('\n```', start + marker.length) + 1);
      expect(block).toBe(await example(name));
    },
  );
});

describe('the browser example: an upload from <input type=file>, in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let site: Awaited<ReturnType<typeof pageServer>>;
  beforeAll(async () => {
    const script = await bundle('examples/browser-upload.ts', 'browser', {
      BACKEND_URL: emulator.emulator.backendUrl,
      ACCESS_TOKEN: emulator.emulator.tokens.accessToken,
    });
    site = await pageServer(script, '<input type="file"><output></output>');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('uploads the chosen file and shows the MD5 the server checked', async () => {
    const bytes = generatedBytes(3 * 1024 * 1024 + 7);
    const page = await browser.newPage();
    await page.goto(site.url);
    const { served } = await servedDuring(emulator.emulator, async () => {
      await page.setInputFiles('input[type=file]', {
        name: 'photo.bin',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(bytes),
      });
      await page.waitForFunction(() => document.querySelector('output')?.value.startsWith('uploaded'));
    });
    const md5 = createHash('md5').update(bytes).digest('hex');
    expect(await page.locator('output').textContent()).toBe(`uploaded photo.bin: ${md5}`);
    // One chunk (under the default 50 MiB) and the completing POST.
    expect(served['backend PUT /chunked_upload/']).toBe(1);
    expect(served['backend POST /chunked_upload/{id}/']).toBe(1);
  });
});

describe('the edge-worker example, in workerd', () => {
  it('answers with the project it read with its bindings', async () => {
    const worker = new Miniflare({
      modules: true,
      script: await bundle('examples/edge-worker.ts', 'worker'),
      compatibilityDate: '2025-09-01',
      bindings: {
        SYNAPSE_BASE_URL: emulator.emulator.backendUrl,
        SYNAPSE_ACCESS_TOKEN: emulator.emulator.tokens.accessToken,
      },
    });
    try {
      const { result, served } = await servedDuring(emulator.emulator, async () => {
        const response = await worker.dispatchFetch('http://worker.test/?project=1');
        return response.json();
      });
      expect(result).toEqual({ id: 1, title: 'Demo project' });
      expect(served['backend GET /projects/{id}/']).toBe(1);
    } finally {
      await worker.dispose();
    }
  });
});
