import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('ray', ['src/**/*.ts', '!src/index.ts']);
