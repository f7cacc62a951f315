#!/usr/bin/env -S node --max-semi-space-size=2
// The small young generation (2 MiB semi-spaces instead of V8's 16) keeps a long upload's peak memory down at
// little cost in speed: an upload allocates many short-lived objects per file. `env -S` splits the line into
// the command and its flags (coreutils, BSD/macOS; npm's Windows shims read it too).
import { runCli } from './run.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
