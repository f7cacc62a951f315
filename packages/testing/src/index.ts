export { blockNetwork, MockApi, nock, type RecordedRequest, resetNetwork } from './mock-api.js';
export { type FormPart, parseMultipart } from './multipart.js';
