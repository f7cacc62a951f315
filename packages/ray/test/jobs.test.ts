import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type RayClient,
  ResponseValidationError,
  type SubmitJobRequest,
  ValidationError,
} from '../src/index.js';
import { caught, proxiedSetup as setup } from './helpers.js';

const HEADERS = { 'x-proxy-key': 'proxy-key-1' };

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient.submitJob', () => {
  it.each([
    [
      'the submission id when Ray sends both',
      { submission_id: 'raysubmit_1', job_id: '02000000' },
      'raysubmit_1',
    ],
    ['the job id when Ray sends only that (before Ray 2.0)', { job_id: '02000000' }, '02000000'],
  ])('returns %s', async (_, reply, id) => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/').reply(200, reply);
    expect(await client.submitJob({ entrypoint: 'echo hi' })).toBe(id);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/api/jobs/',
      search: '',
      json: { entrypoint: 'echo hi' },
    });
    expect(req.headers).toMatchObject({ ...HEADERS, 'content-type': 'application/json' });
  });

  it('a reply with neither id is a ResponseValidationError naming submission_id', async () => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/').reply(200, { status: 'PENDING' });
    const error = await caught(client.submitJob({ entrypoint: 'echo hi' }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: 'POST', url: 'https://ray.test/api/jobs/', path: 'submission_id' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/api/jobs/', json: { entrypoint: 'echo hi' } });
    expect(req.headers).toMatchObject(HEADERS);
  });

  it('leaves out the members given as undefined', async () => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/').reply(200, { submission_id: 's' });
    await client.submitJob({ entrypoint: 'x', submissionId: undefined, metadata: { a: 'b' } });
    expect((await api.single()).body).toBe('{"entrypoint":"x","metadata":{"a":"b"}}');
  });

  it.each([
    ['an empty entrypoint', { entrypoint: '' }, 'request.entrypoint', 'entrypoint must not be empty'],
    ['no entrypoint', {}, 'request.entrypoint', 'entrypoint'],
    [
      'a fractional memory',
      { entrypoint: 'x', entrypointMemory: 1.5 },
      'request.entrypointMemory',
      'entrypointMemory',
    ],
    [
      'a negative CPU count',
      { entrypoint: 'x', entrypointNumCpus: -1 },
      'request.entrypointNumCpus',
      'entrypointNumCpus',
    ],
    ['an unknown member', { entrypoint: 'x', nope: 1 }, 'request.nope', 'nope'],
    ['not an object', 'python x.py', 'request', 'Invalid request'],
  ])('refuses %s before sending (argument %s)', async (_, request, argument, text) => {
    const { api, client } = setup();
    const error = await caught(client.submitJob(request as unknown as SubmitJobRequest));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect((error as ValidationError).message).toContain(text);
    expect(api.requests).toHaveLength(0);
  });
});

describe('RayClient: job replies', () => {
  it('stopJob: false when the job had already ended', async () => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/s1/stop').reply(200, { stopped: false });
    expect(await client.stopJob('s1')).toBe(false);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/api/jobs/s1/stop', search: '', body: '' });
    expect(req.headers).toMatchObject(HEADERS);
  });

  it('deleteJob: false for deleted: false', async () => {
    const { api, client } = setup();
    api.on('DELETE', '/api/jobs/s1').reply(200, { deleted: false });
    expect(await client.deleteJob('s1')).toBe(false);
    expect(await api.single()).toMatchObject({ method: 'DELETE', path: '/api/jobs/s1', body: '' });
  });

  it.each([
    ['no deleted member', {}, 'deleted: missing'],
    ['a truthy deleted that is not true', { deleted: 'yes' }, 'deleted: expected boolean'],
  ])('deleteJob: %s is a ResponseValidationError', async (_, reply, issue) => {
    const { api, client } = setup();
    api.on('DELETE', '/api/jobs/s1').reply(200, reply);
    const error = await caught(client.deleteJob('s1'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: 'DELETE', path: 'deleted', issues: [issue] });
    expect(await api.single()).toMatchObject({ method: 'DELETE', path: '/api/jobs/s1', body: '' });
  });

  it('getJobLogs: a reply without logs is a ResponseValidationError naming logs', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/jobs/s1/logs').reply(200, {});
    const error = await caught(client.getJobLogs('s1'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: 'GET', url: 'https://ray.test/api/jobs/s1/logs', path: 'logs' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/api/jobs/s1/logs', search: '' });
    expect(req.headers).toMatchObject(HEADERS);
  });

  it('a job id is one percent-encoded path segment', async () => {
    const { api, client } = setup();
    const job = {
      type: 'SUBMISSION',
      job_id: null,
      submission_id: 'my job?',
      status: 'RUNNING',
      entrypoint: 'x',
    };
    api.on('GET', '/api/jobs/my%20job%3F').reply(200, job);
    expect(await client.getJobStatus('my job?')).toBe('RUNNING');
    expect(await api.single()).toMatchObject({ path: '/api/jobs/my%20job%3F', search: '' });
  });

  it.each([
    ['getJobInfo', (c: RayClient, id: string) => c.getJobInfo(id)],
    ['getJobStatus', (c: RayClient, id: string) => c.getJobStatus(id)],
    ['stopJob', (c: RayClient, id: string) => c.stopJob(id)],
    ['deleteJob', (c: RayClient, id: string) => c.deleteJob(id)],
    ['getJobLogs', (c: RayClient, id: string) => c.getJobLogs(id)],
    ['waitForJob', (c: RayClient, id: string) => c.waitForJob(id)],
    ['tailJobLogs', (c: RayClient, id: string) => c.tailJobLogs(id).next()],
  ])('%s: a bad id is a ValidationError naming id, nothing sent', async (_, call) => {
    const { api, client } = setup();
    for (const id of ['', ' ', '../x', 'a/b']) {
      const error = await caught(call(client, id));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ argument: 'id' });
    }
    expect(api.requests).toHaveLength(0);
  });
});
