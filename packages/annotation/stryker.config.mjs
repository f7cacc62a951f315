import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('annotation', ['src/**/*.ts', '!src/index.ts']);
