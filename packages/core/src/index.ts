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
// Imported from here by the domain packages' schemas.ts files: internal, and leaving this entry once those
// import them from '@synapse/core/internal'.
export { JsonObjectSchema } from './models/json-object.js';
export { StorageCategorySchema, StorageProviderSchema } from './models/storage.js';
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
