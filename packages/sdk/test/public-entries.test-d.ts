import type * as agent from '@synapse/agent';
import type * as annotation from '@synapse/annotation';
import type * as core from '@synapse/core';
import type * as data from '@synapse/data';
import type * as hitl from '@synapse/hitl';
import type * as integration from '@synapse/integration';
import type * as ml from '@synapse/ml';
import type * as ray from '@synapse/ray';
import { describe, expectTypeOf, it } from 'vitest';
import type * as sdk from '../src/index.js';

/** The values (classes, functions, constants) of every public entry. */
interface Entries {
  '@synapse/core': typeof core;
  '@synapse/annotation': typeof annotation;
  '@synapse/data': typeof data;
  '@synapse/hitl': typeof hitl;
  '@synapse/integration': typeof integration;
  '@synapse/ml': typeof ml;
  '@synapse/agent': typeof agent;
  '@synapse/ray': typeof ray;
  '@synapse/sdk': typeof sdk;
}

/** For each entry, the names of K it exports (never, when it exports none of them). */
type Exported<K extends string> = { [E in keyof Entries]: Extract<keyof Entries[E], K> };
/** For each entry, the names of K it does not export (never, when it exports all of them). */
type Missing<K extends string> = { [E in keyof Entries]: Exclude<K, keyof Entries[E]> };
type None = { [E in keyof Entries]: never };
/** K for the entries E, never for the others. */
type Only<E extends keyof Entries, K> = { [X in keyof Entries]: X extends E ? K : never };

/** What the SDK's packages build their clients from: `@synapse/core/internal` only. */
type CoreInternals =
  | 'BaseClient'
  | 'classifyFailure'
  | 'encodeBody'
  | 'errorForStatus'
  | 'failureError'
  | 'responseError'
  | 'Redactor'
  | 'mapLimit'
  | 'sleep'
  | 'retryDelay'
  | 'parseRetryAfter'
  | 'isRetryable'
  | 'MultipartBody'
  | 'multipartForm'
  | 'filePart'
  | 'statFile'
  | 'openFile'
  | 'inspectFile'
  | 'readWhole'
  | 'readLines'
  | 'readChunks'
  | 'splitLines'
  | 'openWebSocket'
  | 'openWebSocketLines'
  | 'clientWebSocketLines'
  | 'parseInput'
  | 'parseOutput'
  | 'parseResponseText'
  | 'path'
  | 'joinUrl'
  | 'withQuery'
  | 'encodePathParam'
  | 'normalizeBaseUrl'
  | 'isLoopbackUrl'
  | 'assertCallOptions'
  | 'mergeHeaders'
  | 'assertHeaderValue'
  | 'credentialSecrets'
  | 'isCredentialHeader'
  | 'DEFAULT_TIMEOUT'
  | 'DEFAULT_CHUNK_SIZE';

/** The errors, their guards and the page iterator: every entry exports them. */
type ErrorsAndGuards =
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
  | 'isAbortError';

describe('public entries', () => {
  it("export none of core's internals", () => {
    expectTypeOf<Exported<CoreInternals>>().toEqualTypeOf<None>();
  });

  it('export no valibot schema', () => {
    expectTypeOf<Exported<`${string}Schema`>>().toEqualTypeOf<None>();
  });

  it('export every error class and guard', () => {
    expectTypeOf<Missing<ErrorsAndGuards>>().toEqualTypeOf<None>();
  });

  it('export their clients: CoreClient from core and the umbrella, BackendClient from the umbrella only', () => {
    expectTypeOf<Exported<'CoreClient'>>().toEqualTypeOf<
      Only<'@synapse/core' | '@synapse/sdk', 'CoreClient'>
    >();
    expectTypeOf<Exported<'BackendClient'>>().toEqualTypeOf<Only<'@synapse/sdk', 'BackendClient'>>();
    expectTypeOf<Missing<'AnnotationClient'>['@synapse/annotation']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'DataCollectionClient'>['@synapse/data']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'HITLClient'>['@synapse/hitl']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'IntegrationClient'>['@synapse/integration']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'MLClient'>['@synapse/ml']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'AgentClient'>['@synapse/agent']>().toEqualTypeOf<never>();
    expectTypeOf<Missing<'RayClient'>['@synapse/ray']>().toEqualTypeOf<never>();
    type Clients =
      | 'BackendClient'
      | 'CoreClient'
      | 'AnnotationClient'
      | 'DataCollectionClient'
      | 'HITLClient'
      | 'IntegrationClient'
      | 'MLClient'
      | 'AgentClient'
      | 'RayClient';
    expectTypeOf<Missing<Clients>['@synapse/sdk']>().toEqualTypeOf<never>();
  });

  it("export core's option, pagination and file types", () => {
    expectTypeOf<core.ClientOptions>().toHaveProperty('baseUrl');
    expectTypeOf<annotation.ClientOptions>().toEqualTypeOf<core.ClientOptions>();
    expectTypeOf<sdk.ClientOptions>().toEqualTypeOf<core.ClientOptions>();
    expectTypeOf<ray.TransportOptions>().toEqualTypeOf<core.TransportOptions>();
    expectTypeOf<agent.TimeoutOptions>().toEqualTypeOf<core.TimeoutOptions>();
    expectTypeOf<hitl.CallOptions>().toEqualTypeOf<core.CallOptions>();
    expectTypeOf<integration.ListOptions>().toEqualTypeOf<core.ListOptions>();
    expectTypeOf<ml.ListResult<ml.Model, { listAll: true }>>().toEqualTypeOf<core.PageIterator<ml.Model>>();
    expectTypeOf<data.FirstPageOnly>().toEqualTypeOf<core.FirstPageOnly>();
    expectTypeOf<data.Page<data.DataUnit>['results']>().toEqualTypeOf<data.DataUnit[]>();
    expectTypeOf<data.FileInput>().toEqualTypeOf<core.FileInput>();
    expectTypeOf<sdk.FileContent>().toEqualTypeOf<core.FileContent>();
    expectTypeOf<ml.ChunkedUploadOptions>().toEqualTypeOf<core.ChunkedUploadOptions>();
    expectTypeOf<data.UploadProgress>().toEqualTypeOf<core.UploadProgress>();
    expectTypeOf<sdk.ChunkedUploadResult>().toEqualTypeOf<core.ChunkedUploadResult>();
    expectTypeOf<sdk.Logger>().toEqualTypeOf<core.Logger>();
  });

  it("export their own option and model types, and the umbrella every domain's", () => {
    expectTypeOf<sdk.Project>().toEqualTypeOf<annotation.Project>();
    expectTypeOf<sdk.Task>().toEqualTypeOf<annotation.Task>();
    expectTypeOf<sdk.CreatedTask>().toEqualTypeOf<data.CreatedTask>();
    expectTypeOf<sdk.Assignment>().toEqualTypeOf<hitl.Assignment>();
    expectTypeOf<sdk.Job>().toEqualTypeOf<integration.Job>();
    expectTypeOf<sdk.Storage>().toEqualTypeOf<integration.Storage>();
    expectTypeOf<sdk.Model>().toEqualTypeOf<ml.Model>();
    expectTypeOf<sdk.AgentClientOptions>().toEqualTypeOf<agent.AgentClientOptions>();
    expectTypeOf<sdk.RayJobDetails>().toEqualTypeOf<ray.RayJobDetails>();
    expectTypeOf<sdk.CreateDataFileOptions>().toEqualTypeOf<data.CreateDataFileOptions>();
    expectTypeOf<sdk.CreateModelOptions>().toEqualTypeOf<ml.CreateModelOptions>();
  });

  it("export none of core's internal types", () => {
    // @ts-expect-error the client hooks are internal
    expectTypeOf<import('@synapse/core').ClientHooks>();
    // @ts-expect-error the request internals are internal
    expectTypeOf<import('@synapse/core').RequestInternals>();
    // @ts-expect-error a transport failure is internal
    expectTypeOf<import('@synapse/core').TransportFailure>();
    // @ts-expect-error a file source is internal
    expectTypeOf<import('@synapse/core').FileSource>();
    // @ts-expect-error BaseClient is internal
    expectTypeOf<import('@synapse/annotation').BaseClient>();
    // @ts-expect-error the client hooks are internal
    expectTypeOf<import('@synapse/agent').ClientHooks>();
    // @ts-expect-error BaseClient is internal
    expectTypeOf<import('../src/index.js').BaseClient>();
    // @ts-expect-error the client hooks are internal
    expectTypeOf<import('../src/index.js').ClientHooks>();
  });
});
