export type { ListOptions } from './base-client.js';
export { CoreClient } from './chunked-upload/core-client.js';
export type {
  ChunkedUploadOptions,
  ChunkedUploadResult,
  UploadProgress,
} from './chunked-upload/upload.js';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  type ClientErrorInit,
  ConflictError,
  ConnectionError,
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
export type { FileContent, FileInput, NodeReadableLike } from './files.js';
export type { Logger } from './logger.js';
export type {
  ClientOptions,
  FetchFunction,
  RetryDelayOptions,
  TimeoutOptions,
  TransportOptions,
} from './options.js';
export {
  type FirstPageOnly,
  type ListResult,
  type Page,
  type PageFetcher,
  PageIterator,
} from './pagination.js';
export type { CallOptions } from './request.js';
export type { PathParam, QueryParams, QueryValue } from './url.js';
export type { UrlConversion, UrlConversionOptions } from './url-conversion.js';
export { VERSION } from './version.js';
