import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@synapse/emulator';
import { chromium } from 'playwright-core';

/** Requests of each kind the emulator served while `action` ran. */
export async function servedDuring<T>(
  emulator: Emulator,
  action: () => Promise<T>,
): Promise<{ result: T; served: Record<string, number> }> {
  const before = emulator.stats().requests;
  const result = await action();
  const after = emulator.stats().requests;
  const served = Object.fromEntries(
    Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)]),
  );
  return { result, served };
}

/** Serves a page (`body` inside it) and its bundled script on a loopback port: another origin than the emulator's. */
export async function pageServer(script: string, body = '') {
  const html = `<!doctype html><meta charset="utf-8"><title>runtimes</title>${body}<script type="module" src="/app.js"></script>`;
  const server = createServer((request, response) => {
    const isScript = request.url === '/app.js';
    response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
    response.end(isScript ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's Chromium (`npm test` installs it), or the one CHROMIUM_PATH names, headless. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Without the background-networking flags Chromium dials Google's hosts, which a closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
