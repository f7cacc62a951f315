#!/usr/bin/env node
// One upload in a process of its own, so that its peak RSS and CPU time are the client's alone.
// Usage: node upload-client.mjs <file> <backendUrl> <accessToken> [chunkBytes]
import { CoreClient } from '../dist/index.js';

const [file, baseUrl, accessToken, chunk] = process.argv.slice(2);
const client = new CoreClient({ baseUrl, accessToken, allowInsecureHttp: true });
const cpuBefore = process.cpuUsage();
const started = performance.now();
const reply = await client.createChunkedUpload(file, chunk ? { chunkSize: Number(chunk) } : {});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    id: reply.id,
    md5: reply.md5,
  }),
);
