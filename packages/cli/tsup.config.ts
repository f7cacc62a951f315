import { defineConfig, type Options } from 'tsup';
import shared from '../../tsup.shared';

// `cli.ts` is the `synapse` binary (its shebang is kept); `index.ts` the programmatic entry.
export default defineConfig({
  ...(shared as Options),
  entry: ['src/index.ts', 'src/cli.ts'],
});
