import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('data', ['src/**/*.ts', '!src/index.ts']);
