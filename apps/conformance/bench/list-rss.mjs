#!/usr/bin/env node
// Child of bench.mjs: streams every task with one status through `listAll` and prints the item count and this
// process's peak RSS as JSON, so each listing's memory is measured in a fresh process.
import { AnnotationClient } from '@synapse/annotation';

const [baseUrl, apiToken, status] = process.argv.slice(2);
const client = new AnnotationClient({ baseUrl, apiToken });
const tasks = await client.listTasks({ status }, { listAll: true });
let count = 0;
for await (const task of tasks) if (task.id > 0) count++;
process.stdout.write(`${JSON.stringify({ count, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`);
