import { defineConfig, type Options } from 'tsup';
import shared from '../../tsup.shared';

export default defineConfig({
  ...(shared as Options),
  entry: ['src/index.ts', 'src/cli.ts'],
});
