import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('sdk', ['src/**/*.ts', '!src/index.ts']);
