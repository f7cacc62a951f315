import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('core', ['src/**/*.ts', '!src/index.ts', '!src/valibot.ts', '!src/version.ts']);
