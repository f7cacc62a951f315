import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ValidationError,
} from '@synapse/sdk';
import { describe, expect, it } from 'vitest';
import { fatalLine } from '../src/preflight.js';
import { readSettings, SettingsError } from '../src/settings.js';
import { describeError, prepare, StepFailure, type StepRecord, stepRunner } from '../src/steps.js';

const URL = 'https://synapse.example';

describe('readSettings', () => {
  it('uses the emulator when no backend is set, ignoring a stray token', () => {
    const settings = readSettings({ SYNAPSE_API_TOKEN: 'secret' });
    expect(settings).toMatchObject({ emulator: true, backendUrl: '', apiToken: '', projectId: 1 });
    expect(settings.agent).toBeUndefined();
    expect(settings.ray).toBeUndefined();
  });

  it('uses the configured services', () => {
    const settings = readSettings({
      SYNAPSE_BASE_URL: URL,
      SYNAPSE_ACCESS_TOKEN: 'token',
      SYNAPSE_AGENT_URL: 'https://agent.example',
      SYNAPSE_AGENT_TOKEN: 'agent-token',
      SYNAPSE_RAY_URL: 'http://head:8265',
      SYNAPSE_DEMO_PROJECT: '7',
    });
    expect(settings).toMatchObject({
      emulator: false,
      backendUrl: URL,
      apiToken: 'token',
      agent: { url: 'https://agent.example', token: 'agent-token' },
      ray: { url: 'http://head:8265' },
      projectId: 7,
    });
  });

  it('refuses incomplete or bad settings in one sentence', () => {
    expect(() => readSettings({ SYNAPSE_BASE_URL: URL })).toThrow(SettingsError);
    expect(() => readSettings({ SYNAPSE_AGENT_URL: 'https://agent.example' })).toThrow(
      'SYNAPSE_AGENT_URL is set but SYNAPSE_AGENT_TOKEN is not',
    );
    expect(() => readSettings({ SYNAPSE_DEMO_PROJECT: 'one' })).toThrow(
      'SYNAPSE_DEMO_PROJECT must be an id ≥ 1, not "one"',
    );
  });
});

describe('fatalLine', () => {
  it('names a refused token with its status and detail', () => {
    const error = new AuthenticationError(401, 'Unauthorized', { body: { detail: 'Invalid token.' } });
    expect(fatalLine(error, URL)).toBe(
      `The token was refused by the Synapse backend at ${URL} (401 Invalid token.). Check SYNAPSE_API_TOKEN.`,
    );
    expect(fatalLine(new PermissionDeniedError(403, 'Forbidden'), URL)).toMatch(
      /^The token was refused .*\(403\)/,
    );
  });

  it('names an unreachable backend', () => {
    const refused = new ConnectionError(503, 'Backend connection refused: GET https://synapse.example/x', {
      reason: 'Backend connection refused',
    });
    expect(fatalLine(refused, URL)).toBe(
      `Cannot reach the Synapse backend at ${URL} (Backend connection refused). Check SYNAPSE_BASE_URL.`,
    );
    const slow = new TimeoutError('Backend read timeout (>30s)', {
      phase: 'read',
      reason: 'Backend read timeout (>30s)',
    });
    expect(fatalLine(slow, URL)).toBe(
      `Cannot reach the Synapse backend at ${URL} (Backend read timeout (>30s)). Check SYNAPSE_BASE_URL.`,
    );
  });

  it('passes other errors on', () => {
    expect(fatalLine(new NotFoundError(404, 'Not Found'), URL)).toBeUndefined();
    expect(fatalLine(new Error('boom'), URL)).toBeUndefined();
    expect(fatalLine(new ValidationError('bad baseUrl', { argument: 'baseUrl' }), URL)).toBe(
      'The settings were refused: bad baseUrl',
    );
  });
});

describe('steps', () => {
  it('reports the call before the step runs, then its status and time', async () => {
    const events: string[] = [];
    const records: StepRecord[] = [];
    const step = stepRunner({
      stepStarted: (name, call) => events.push(`${name} → ${call}`),
      stepEnded: (record) => records.push(record),
    });
    const model = await step('get the model', 'backend.getModel(id)', async () => {
      events.push('ran');
      return { id: 7 };
    });
    expect(model).toEqual({ id: 7 });
    expect(events).toEqual(['get the model → backend.getModel(id)', 'ran']);
    expect(records).toEqual([
      { name: 'get the model', call: 'backend.getModel(id)', status: 'succeeded', ms: expect.any(Number) },
    ]);
  });

  it('names the failed step and the SDK error', async () => {
    const records: StepRecord[] = [];
    const step = stepRunner({ stepStarted: () => {}, stepEnded: (record) => records.push(record) });
    const failure = await step('get the model', 'backend.getModel(id)', async () => {
      throw new NotFoundError(404, 'Not Found');
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StepFailure);
    expect((failure as StepFailure).step).toBe('get the model');
    expect((failure as Error).message).toMatch(/^get the model: NotFoundError \(404\)/);
    expect(records[0]).toMatchObject({ status: 'failed', error: 'NotFoundError (404): Not Found' });
  });

  it('names a failed preparation', async () => {
    const failure = await prepare('write the model weights', async () => {
      throw new Error('disk full');
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('write the model weights: Error: disk full');
  });

  it('says when a method the demo needs is missing', () => {
    expect(describeError(new TypeError('backend.listThings is not a function'))).toBe(
      'backend.listThings is not a function — a method the demo needs is missing from the SDK',
    );
    expect(describeError('plain')).toBe('plain');
  });
});
