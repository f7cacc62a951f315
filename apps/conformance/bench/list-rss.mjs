#!/usr/bin/env node
// Child of bench.mjs: streams every task with one status, through `listAll` (or, with `raw`, a fetch loop that
// follows `next`), and prints the item count and this process's peak RSS as JSON, so that each listing's memory is
// measured in a fresh process.
import { AnnotationClient } from '@synapse/annotation';

const [baseUrl, apiToken, status, mode] = process.argv.slice(2);

async function sdkCount() {
  const client = new AnnotationClient({ baseUrl, apiToken });
  let count = 0;
  for await (const task of await client.listTasks({ status }, { listAll: true })) if (task.id > 0) count++;
  return count;
}

async function rawCount() {
  const headers = { 'Synapse-Access-Token': `Token ${apiToken}` };
  let count = 0;
  let url = `${baseUrl}/sdk/tasks/?status=${status}&page_size=100`;
  while (url) {
    const page = await (await fetch(url, { headers })).json();
    for (const task of page.results) if (task.id > 0) count++;
    url = page.next;
  }
  return count;
}

const count = mode === 'raw' ? await rawCount() : await sdkCount();
process.stdout.write(`${JSON.stringify({ count, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`);
