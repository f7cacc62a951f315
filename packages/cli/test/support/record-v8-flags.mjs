// Preloaded into a CLI run (`NODE_OPTIONS=--import …`): reports on stderr each V8 flag the process sets.
import v8 from 'node:v8';

const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  process.stderr.write(`v8 flags: ${flags}\n`);
  setFlags(flags);
};
