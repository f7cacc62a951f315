import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('core', ['src/**/*.ts', '!src/index.ts', '!src/internal.ts', '!src/version.ts']);
