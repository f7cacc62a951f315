import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  ConnectionError,
  errorForStatus,
  isAbortError,
  isClientError,
  isSynapseError,
  isValidationError,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/internal.js';
import { reasonPhrase } from '../src/status-text.js';

describe('reason phrases', () => {
  it.each([
    [200, 'OK'],
    [201, 'Created'],
    [202, 'Accepted'],
    [204, 'No Content'],
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [406, 'Not Acceptable'],
    [408, 'Request Timeout'],
    [409, 'Conflict'],
    [410, 'Gone'],
    [411, 'Length Required'],
    [412, 'Precondition Failed'],
    [413, 'Payload Too Large'],
    [415, 'Unsupported Media Type'],
    [416, 'Range Not Satisfiable'],
    [422, 'Unprocessable Entity'],
    [425, 'Too Early'],
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [501, 'Not Implemented'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
    [504, 'Gateway Timeout'],
  ])('%i is "%s"', (status, phrase) => {
    expect(reasonPhrase(status)).toBe(phrase);
  });

  it('a status without a standard phrase is named by its number', () => {
    expect(reasonPhrase(418)).toBe('HTTP 418');
    expect(reasonPhrase(599)).toBe('HTTP 599');
  });
});

describe('errorForStatus', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [599, ServerError],
  ])('%i builds a %o', (status, type) => {
    const error = errorForStatus(status, 'm');
    expect(error.constructor).toBe(type);
    expect(error).toMatchObject({ status, name: type.name, message: 'm' });
  });

  it.each([302, 405, 410, 422, 499])('%i builds a plain ClientError, not a ServerError', (status) => {
    const error = errorForStatus(status, 'm', { method: 'GET', url: 'https://synapse.test/x/' });
    expect(error.constructor).toBe(ClientError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      status,
      name: 'ClientError',
      method: 'GET',
      url: 'https://synapse.test/x/',
    });
  });

  it('a RateLimitError carries the Retry-After it was given', () => {
    expect((errorForStatus(429, 'm', { retryAfter: 3 }) as RateLimitError).retryAfter).toBe(3);
    expect((errorForStatus(429, 'm') as RateLimitError).retryAfter).toBeUndefined();
  });
});

describe('ClientError', () => {
  it('reason defaults to the body of a 400 and to the reason phrase otherwise', () => {
    expect(new ClientError(400, 'm', { body: { name: ['required'] } }).reason).toEqual({
      name: ['required'],
    });
    expect(new ClientError(400, 'm').reason).toBe('Bad Request');
    expect(new ClientError(404, 'm', { body: { detail: 'x' } }).reason).toBe('Not Found');
    expect(new ClientError(418, 'm').reason).toBe('HTTP 418');
    expect(new ClientError(400, 'm', { body: 'b', reason: 'given' }).reason).toBe('given');
  });

  it('fields default to empty, and a cause is kept only when there is one', () => {
    const plain = new ClientError(500, 'm');
    expect(plain).toMatchObject({ headers: {}, body: undefined, method: undefined, url: undefined });
    expect(Object.hasOwn(plain, 'cause')).toBe(false);
    const root = new Error('root');
    const caused = new ClientError(503, 'm', { cause: root });
    expect(caused.cause).toBe(root);
    expect(new ConnectionError(503, 'm', { cause: null }).cause).toBeNull();
  });

  it('a ProtocolError is a 500 "Invalid reply" carrying the reply, a ClientError like the others', () => {
    const cause = new Error('c');
    const error = new ProtocolError('The chunk reply has no url/offset', { body: { a: 1 }, url: 'u', cause });
    expect(error).toBeInstanceOf(ClientError);
    expect(isClientError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'ProtocolError',
      status: 500,
      reason: 'Invalid reply',
      message: 'The chunk reply has no url/offset',
      body: { a: 1 },
      url: 'u',
      cause,
    });
    expect(new ProtocolError('m')).toMatchObject({ status: 500, reason: 'Invalid reply', body: undefined });
  });

  it('a TimeoutError is a 408 with its phase', () => {
    const error = new TimeoutError('m', { phase: 'connect', reason: 'r' });
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'r', name: 'TimeoutError' });
  });
});

describe('ValidationError', () => {
  it('has no issues and no cause unless given', () => {
    const error = new ValidationError('bad id', { argument: 'id' });
    expect(error.issues).toEqual([]);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    const cause = new Error('inner');
    expect(new ValidationError('m', { cause }).cause).toBe(cause);
  });

  it('toJSON carries the argument and the issues', () => {
    const error = new ValidationError('Invalid data', { argument: 'data.name', issues: ['name: required'] });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ValidationError',
      message: 'Invalid data',
      argument: 'data.name',
      issues: ['name: required'],
    });
  });
});

describe('AbortError', () => {
  it('has a default message, and toJSON gives its name and message', () => {
    const error = new AbortError();
    expect(error.message).toBe('The request was aborted');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AbortError',
      message: 'The request was aborted',
    });
    expect(JSON.parse(JSON.stringify(new AbortError('stopped')))).toEqual({
      name: 'AbortError',
      message: 'stopped',
    });
  });
});

describe('kind checks', () => {
  it('tell the three kinds apart', () => {
    const abort = new AbortError();
    const client = new NotFoundError(404, 'm');
    const validation = new ValidationError('m');
    expect([isAbortError(abort), isAbortError(client), isAbortError(validation)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isClientError(abort), isClientError(client), isClientError(validation)]).toEqual([
      false,
      true,
      false,
    ]);
    expect([isValidationError(abort), isValidationError(client), isValidationError(validation)]).toEqual([
      false,
      false,
      true,
    ]);
    for (const error of [abort, client, validation]) expect(isSynapseError(error)).toBe(true);
  });

  it('say no to values that are not SDK errors', () => {
    for (const value of [undefined, null, 'AbortError', 42, new Error('x'), { name: 'AbortError' }]) {
      expect(isSynapseError(value)).toBe(false);
      expect(isAbortError(value)).toBe(false);
    }
  });

  it('a copy made by spreading an error is not taken for the error', () => {
    const error = new ServerError(500, 'm');
    expect(isClientError({ ...error })).toBe(false);
    expect(isSynapseError({ ...new AbortError() })).toBe(false);
  });
});
