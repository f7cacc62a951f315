import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError as AgentValidationError } from '@synapse/agent';
import { ValidationError as AnnotationValidationError } from '@synapse/annotation';
import { ValidationError as CoreValidationError, type FetchFunction } from '@synapse/core';
import { ValidationError as DataValidationError } from '@synapse/data';
import { ValidationError as HitlValidationError } from '@synapse/hitl';
import { ValidationError as IntegrationValidationError } from '@synapse/integration';
import { ValidationError as MLValidationError } from '@synapse/ml';
import { ValidationError as RayValidationError } from '@synapse/ray';
import { blockNetwork, networkRequests, resetNetwork } from '@synapse/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BASE_URL,
  CASES as BASIC_CASES,
  type Context,
  makeClients,
  type PackageName,
} from './support/bad-input-cases.js';
import { EDGE_CASES } from './support/bad-input-edges.js';

const CASES = [...BASIC_CASES, ...EDGE_CASES];

const VALIDATION_ERROR: Record<PackageName, typeof CoreValidationError> = {
  core: CoreValidationError,
  annotation: AnnotationValidationError,
  data: DataValidationError,
  hitl: HitlValidationError,
  integration: IntegrationValidationError,
  ml: MLValidationError,
  agent: AgentValidationError,
  ray: RayValidationError,
};

const fetchSpy = vi.fn<FetchFunction>((input, init) => globalThis.fetch(input, init));
let ctx: Context;

beforeAll(async () => {
  // No answers are set up: any request that reaches the network layer is refused, and written down.
  blockNetwork();
  ctx = {
    clients: makeClients(fetchSpy),
    fetch: fetchSpy,
    folder: await mkdtemp(join(tmpdir(), 'conformance-bad-input-')),
  };
});

afterAll(async () => {
  resetNetwork();
  await rm(ctx.folder, { recursive: true, force: true });
});

describe('bad input is refused before any request leaves', () => {
  it('has at least 50 cases, covering every package', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => c.pkg))).toEqual(new Set(Object.keys(VALIDATION_ERROR)));
  });

  it.each(CASES.map((c) => [`${c.pkg}: ${c.what}`, c] as const))('%s', async (_label, c) => {
    fetchSpy.mockClear();
    resetNetwork();
    const error = await Promise.resolve()
      .then(() => c.call(ctx))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(VALIDATION_ERROR[c.pkg]);
    const validation = error as CoreValidationError;
    expect(validation.name).toBe('ValidationError');
    expect(validation.argument).toBe(c.argument);
    expect(validation.message).toContain(c.argument);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(networkRequests()).toEqual([]);
  });

  it('the guard itself notices a request that does leave', async () => {
    fetchSpy.mockClear();
    resetNetwork();
    await expect(ctx.clients.annotation.getProject(1, { maxRetries: 0 })).rejects.toBeDefined();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(networkRequests()).toEqual([{ method: 'GET', url: `${BASE_URL}/projects/1/` }]);
  });
});
