/**
 * `@synapse/core/internal`: what the `@synapse` packages build their clients from, besides the public entry
 * (re-exported here whole). For `@synapse` packages only: it carries no semver promise and may change in any
 * release.
 *
 * @packageDocumentation
 */

export {
  BaseClient,
  type ClientAuth,
  type ClientHooks,
  type HookedRequest,
  type ListMethodName,
} from './base-client.js';
export { type EncodedBody, encodeBody, type FormBody, isFormBody, type RequestBody } from './body.js';
export { assertCallOptions, mergeHeaders } from './call-options.js';
export { DEFAULT_CHUNK_SIZE } from './chunked-upload/upload.js';
export { type ErrorContext, type FailedReply, failureError, responseError } from './error-factories.js';
export { errorForStatus } from './errors.js';
export type { FileSource } from './file-sources.js';
export {
  basename,
  type CheckedFile,
  checkFile,
  type FileInfo,
  inspectFile,
  isNodeReadable,
  isWebStream,
  type OpenFileOptions,
  openFile,
  readWhole,
} from './files.js';
export { multipartForm } from './form.js';
export { assertHeaderValue, credentialSecrets, isCredentialHeader } from './headers.js';
export * from './index.js';
export { diskJournal } from './journal.js';
export type { JournalFiles, JournalWriter } from './journal-file.js';
export { type ChunkReadOptions, type LineReadOptions, readChunks, readLines, splitLines } from './lines.js';
export { type JobStatus, JobStatusSchema, type UpdateJob, UpdateJobSchema } from './models/job.js';
export { JsonObjectSchema } from './models/json-object.js';
export {
  type Storage,
  type StorageCategory,
  StorageCategorySchema,
  type StorageProvider,
  StorageProviderSchema,
  StorageSchema,
} from './models/storage.js';
export { type FilePart, filePart, MultipartBody, type MultipartEntry } from './multipart.js';
export { DEFAULT_TIMEOUT, normalizeBaseUrl } from './options.js';
export { isLoopbackUrl } from './origins.js';
export { parseInput, parseOutput, parseResponseText } from './parse.js';
export { Redactor } from './redact.js';
export type { RequestInternals, RequestOptions } from './request.js';
export { isRetryable, parseRetryAfter, retryDelay, sleep } from './retry.js';
export { classifyFailure, type TransportFailure } from './transport.js';
export { encodePathParam, joinUrl, path, withQuery } from './url.js';
export { mapLimit } from './url-conversion.js';
export {
  type ClientWebSocketOptions,
  clientWebSocketLines,
  openWebSocket,
  openWebSocketLines,
  type WebSocketFailure,
  type WebSocketLineOptions,
  type WebSocketOptions,
} from './websocket.js';
