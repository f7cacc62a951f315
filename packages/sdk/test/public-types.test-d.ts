import { describe, expectTypeOf, it } from 'vitest';
import {
  type AgentClient,
  BackendClient,
  type ClientError,
  isClientError,
  type Page,
  type PageIterator,
  type Project,
  type RayClient,
  type Task,
  type ValidationError,
} from '../src/index.js';

/** `true` when T is `any` (nothing else is assignable both ways with `1 & T`). */
type IsAny<T> = 0 extends 1 & T ? true : false;

/** Names of C's methods that take or return `any` at the top level of a parameter or of the awaited result. */
type MethodsWithAny<C> = {
  [K in keyof C]: C[K] extends (...args: infer A) => infer R
    ? true extends IsAny<Awaited<R>> | { [I in keyof A]: IsAny<A[I]> }[number]
      ? K
      : never
    : never;
}[keyof C];

const backend = new BackendClient({ baseUrl: 'https://synapse.example', apiToken: 'token' });

describe('public types', () => {
  it('no method of BackendClient, AgentClient or RayClient takes or returns any', () => {
    expectTypeOf<MethodsWithAny<BackendClient>>().toEqualTypeOf<never>();
    expectTypeOf<MethodsWithAny<AgentClient>>().toEqualTypeOf<never>();
    expectTypeOf<MethodsWithAny<RayClient>>().toEqualTypeOf<never>();
  });

  it('a list call gives a page, or with listAll a PageIterator of the same items', () => {
    expectTypeOf(backend.listTasks()).resolves.toEqualTypeOf<Page<Task>>();
    expectTypeOf(backend.listTasks({ project: 1 }, { listAll: true })).resolves.toEqualTypeOf<
      PageIterator<Task>
    >();
    expectTypeOf(backend.listTasks({}, { listAll: false })).resolves.toEqualTypeOf<Page<Task>>();
  });

  it('a get call resolves to its schema type, whose id is a number', () => {
    expectTypeOf(backend.getProject(1)).resolves.toEqualTypeOf<Project>();
    expectTypeOf<Project['id']>().toEqualTypeOf<number>();
  });

  it('exists takes only the names of list methods, with their arguments', () => {
    expectTypeOf(backend.exists('listTasks', { project: 1 })).resolves.toEqualTypeOf<boolean>();
    // @ts-expect-error getProject does not return a page
    backend.exists('getProject', 1);
    // @ts-expect-error listTasks takes query params, not a number
    backend.exists('listTasks', 1);
  });

  it('path parameters are strings or numbers, and call options are checked', () => {
    // @ts-expect-error an id is a string or a number
    backend.getProject({ id: 1 });
    // @ts-expect-error unknown call option
    backend.getProject(1, { retries: 3 });
    expectTypeOf(backend.getProject).parameter(0).toEqualTypeOf<string | number>();
  });

  it('isClientError narrows, and ValidationError is not a ClientError', () => {
    const error: unknown = new Error('x');
    if (isClientError(error)) expectTypeOf(error).toEqualTypeOf<ClientError>();
    expectTypeOf<ValidationError>().not.toMatchTypeOf<ClientError>();
    expectTypeOf<ClientError['status']>().toEqualTypeOf<number>();
  });
});
