export {
  BaseClient,
  type ClientAuth,
  type ClientHooks,
  type HookedRequest,
  type ListMethodName,
  type ListOptions,
} from './base-client.js';
export { type EncodedBody, encodeBody, type FormBody, isFormBody, type RequestBody } from './body.js';
export { assertCallOptions, mergeHeaders } from './call-options.js';
export { CoreClient } from './chunked-upload/core-client.js';
export {
  type ChunkedUploadOptions,
  type ChunkedUploadResult,
  DEFAULT_CHUNK_SIZE,
  type UploadProgress,
} from './chunked-upload/upload.js';
export { type ErrorContext, type FailedReply, failureError, responseError } from './error-factories.js';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  type ClientErrorInit,
  ConflictError,
  ConnectionError,
  errorForStatus,
  isAbortError,
  isClientError,
  isResponseValidationError,
  isSynapseError,
  isValidationError,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  SynapseError,
  type SynapseErrorKind,
  TimeoutError,
  ValidationError,
} from './errors.js';
export type { FileSource } from './file-sources.js';
export {
  basename,
  type FileContent,
  type FileInfo,
  type FileInput,
  inspectFile,
  isNodeReadable,
  isWebStream,
  type NodeReadableLike,
  type OpenFileOptions,
  openFile,
  readWhole,
  statFile,
} from './files.js';
export { multipartForm } from './form.js';
export { assertHeaderValue, credentialSecrets, isCredentialHeader } from './headers.js';
export { type ChunkReadOptions, type LineReadOptions, readChunks, readLines, splitLines } from './lines.js';
export type { Logger } from './logger.js';
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
export {
  type ClientOptions,
  DEFAULT_TIMEOUT,
  type FetchFunction,
  normalizeBaseUrl,
  type RetryDelayOptions,
  type TimeoutOptions,
  type TransportOptions,
} from './options.js';
export { isLoopbackUrl } from './origins.js';
export {
  type FirstPageOnly,
  type ListResult,
  type Page,
  type PageFetcher,
  PageIterator,
} from './pagination.js';
export { parseInput, parseOutput, parseResponseText } from './parse.js';
export { Redactor } from './redact.js';
export type { CallOptions, RequestInternals, RequestOptions } from './request.js';
export { isRetryable, parseRetryAfter, retryDelay, sleep } from './retry.js';
export { classifyFailure, type TransportFailure } from './transport.js';
export {
  encodePathParam,
  joinUrl,
  type PathParam,
  path,
  type QueryParams,
  type QueryValue,
  withQuery,
} from './url.js';
export { mapLimit, type UrlConversion, type UrlConversionOptions } from './url-conversion.js';
export { VERSION } from './version.js';
export {
  type ClientWebSocketOptions,
  clientWebSocketLines,
  openWebSocket,
  openWebSocketLines,
  type WebSocketFailure,
  type WebSocketLineOptions,
  type WebSocketOptions,
} from './websocket.js';
