export { closedPort } from './closed-port.js';
export { NetConnectNotAllowedError } from './connect-guard.js';
export {
  type AgentClientClass,
  type BackendClientClass,
  type EmulatorHandle,
  useEmulator,
} from './emulator.js';
export { type LoopbackHandlers, loopbackServer } from './loopback-server.js';
export { MockApi, type RecordedRequest } from './mock-api.js';
export { backendAuth, type ClientClass, MOCK_BASE_URL, mockClient, useMockNetwork } from './mock-client.js';
export type { ModelShape } from './model-shape.js';
export { type FormPart, parseMultipart } from './multipart.js';
export { blockNetwork, networkRequests, pendingAnswers, resetNetwork } from './network.js';
export type { NetworkRequest } from './network-mock.js';
export { useTempDir } from './temp-dir.js';
