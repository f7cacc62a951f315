import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('integration', ['src/**/*.ts', '!src/index.ts']);
