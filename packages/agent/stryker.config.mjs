import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('agent', ['src/**/*.ts', '!src/index.ts']);
