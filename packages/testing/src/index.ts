export { type LoopbackHandlers, loopbackServer } from './loopback-server.js';
export { blockNetwork, MockApi, nock, type RecordedRequest, resetNetwork } from './mock-api.js';
export { type FormPart, parseMultipart } from './multipart.js';
