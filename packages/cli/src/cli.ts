#!/usr/bin/env node
import { boundHeapGrowth } from './heap.js';
import { runCli } from './run.js';

boundHeapGrowth();
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
