import { describe, expectTypeOf, it } from 'vitest';
import type * as publicEntry from '../src/index.js';
import type * as internal from '../src/internal.js';

type Values = keyof typeof publicEntry;

describe('@synapse/core entries', () => {
  it('the public entry has the client, the errors and guards, the page iterator and VERSION', () => {
    expectTypeOf<Values>().toEqualTypeOf<
      | 'CoreClient'
      | 'SynapseError'
      | 'ClientError'
      | 'BadRequestError'
      | 'AuthenticationError'
      | 'PermissionDeniedError'
      | 'NotFoundError'
      | 'ConflictError'
      | 'RateLimitError'
      | 'ServerError'
      | 'ConnectionError'
      | 'ProtocolError'
      | 'TimeoutError'
      | 'ValidationError'
      | 'ResponseValidationError'
      | 'AbortError'
      | 'isSynapseError'
      | 'isClientError'
      | 'isValidationError'
      | 'isResponseValidationError'
      | 'isAbortError'
      | 'PageIterator'
      | 'VERSION'
    >();
  });

  it('the public entry has the option, result, pagination and file-input types and Logger', () => {
    expectTypeOf<publicEntry.ClientOptions>().toExtend<publicEntry.TransportOptions>();
    expectTypeOf<publicEntry.ClientOptions['timeout']>().toEqualTypeOf<
      publicEntry.TimeoutOptions | undefined
    >();
    expectTypeOf<publicEntry.ClientOptions['retry']>().toEqualTypeOf<
      publicEntry.RetryDelayOptions | undefined
    >();
    expectTypeOf<publicEntry.ClientOptions['fetch']>().toEqualTypeOf<publicEntry.FetchFunction | undefined>();
    expectTypeOf<publicEntry.ClientOptions['logger']>().toEqualTypeOf<publicEntry.Logger | undefined>();
    expectTypeOf<publicEntry.ListOptions>().toExtend<publicEntry.CallOptions>();
    expectTypeOf<publicEntry.ListOptions['urlConversion']>().toEqualTypeOf<
      publicEntry.UrlConversion | undefined
    >();
    expectTypeOf<publicEntry.ChunkedUploadOptions['onProgress']>().toEqualTypeOf<
      ((progress: publicEntry.UploadProgress) => void) | undefined
    >();
    expectTypeOf<publicEntry.ChunkedUploadResult>().toHaveProperty('id');
    expectTypeOf<publicEntry.ListResult<number, publicEntry.FirstPageOnly>>().toEqualTypeOf<
      publicEntry.Page<number>
    >();
    expectTypeOf<publicEntry.FileContent>().toExtend<publicEntry.FileInput>();
    expectTypeOf<publicEntry.PathParam>().toEqualTypeOf<string | number>();
    expectTypeOf<publicEntry.QueryParams>().toEqualTypeOf<Record<string, publicEntry.QueryValue>>();
  });

  it('the public entry has none of the internal types', () => {
    // @ts-expect-error internal
    expectTypeOf<publicEntry.ClientHooks>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.ClientAuth>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.HookedRequest>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.RequestInternals>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.TransportFailure>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.FileSource>();
    // @ts-expect-error internal
    expectTypeOf<publicEntry.ErrorContext>();
    // @ts-expect-error internal: Storage is @synapse/integration's
    expectTypeOf<publicEntry.Storage>();
  });

  it('the internal entry is the public one and the rest', () => {
    expectTypeOf<Exclude<Values, keyof typeof internal>>().toEqualTypeOf<never>();
    expectTypeOf<typeof internal.ValidationError>().toEqualTypeOf<typeof publicEntry.ValidationError>();
    expectTypeOf<
      Extract<keyof typeof internal, 'BaseClient' | 'classifyFailure' | 'Redactor' | 'parseInput' | 'path'>
    >().toEqualTypeOf<'BaseClient' | 'classifyFailure' | 'Redactor' | 'parseInput' | 'path'>();
  });
});
