import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('ml', ['src/**/*.ts', '!src/index.ts']);
