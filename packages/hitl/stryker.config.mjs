import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('hitl', ['src/**/*.ts', '!src/index.ts']);
