export * from '@synapse/core';
export { AgentClient } from './agent-client.js';
export { DEFAULT_STREAM_LIMITS, type StreamLimits } from './limits.js';
export * from './schemas.js';
export { validateProtocol, validateResourceId, validateStreamTimeout } from './validators.js';
