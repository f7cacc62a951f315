import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRayService } from '../../src/ray/index.js';
import { HEAD_NODE_ID, WORKER_NODE_ID } from '../../src/ray/state/seed.js';
import { type Served, serveService, testContext } from './harness.js';

let served: Served;

beforeAll(async () => {
  const context = testContext();
  served = await serveService(createRayService(context), context);
});
afterAll(() => served.close());

interface Envelope {
  result: boolean;
  msg: string;
  data: {
    result: {
      total: number;
      num_after_truncation: number;
      num_filtered: number;
      partial_failure_warning: string;
      warnings: null;
      result: Array<Record<string, unknown>>;
    } | null;
  };
}

async function list(path: string, status = 200): Promise<Envelope> {
  const response = await fetch(`${served.url}${path}`);
  expect(response.status).toBe(status);
  return (await response.json()) as Envelope;
}

describe('State API v0', () => {
  it('lists the seeded nodes with the envelope', async () => {
    const body = await list('/api/v0/nodes');
    expect(body.result).toBe(true);
    expect(body.msg).toBe('');
    const result = body.data.result;
    expect(result).toMatchObject({
      total: 2,
      num_after_truncation: 2,
      num_filtered: 2,
      partial_failure_warning: '',
      warnings: null,
    });
    expect(result?.result.map((row) => row.node_id)).toEqual([HEAD_NODE_ID, WORKER_NODE_ID].sort());
    expect(result?.result[0]).not.toHaveProperty('start_time_ms');
    const detailed = await list('/api/v0/nodes?detail=true');
    expect(detailed.data.result?.result[0]).toHaveProperty('start_time_ms');
  });

  it('gets one node by filtering on its id', async () => {
    const body = await list(
      `/api/v0/nodes?detail=1&filter_keys=node_id&filter_predicates=%3D&filter_values=${WORKER_NODE_ID}`,
    );
    expect(body.data.result?.num_filtered).toBe(1);
    expect(body.data.result?.result[0]).toMatchObject({ node_id: WORKER_NODE_ID, is_head_node: false });
    const none = await list('/api/v0/nodes?filter_keys=node_id&filter_predicates=%3D&filter_values=nope');
    expect(none.data.result).toMatchObject({ total: 2, num_filtered: 0, result: [] });
  });

  it('applies typed, case-insensitive, ANDed filters and limit', async () => {
    const head = await list(
      '/api/v0/nodes?filter_keys=is_head_node&filter_predicates=%3D&filter_values=True',
    );
    expect(head.data.result?.result.map((row) => row.node_id)).toEqual([HEAD_NODE_ID]);
    const alive = await list(
      '/api/v0/actors?filter_keys=state&filter_predicates=%3D&filter_values=alive&filter_keys=class_name&filter_predicates=!%3D&filter_values=ProxyActor',
    );
    expect(alive.data.result?.num_filtered).toBe(2);
    const limited = await list('/api/v0/actors?limit=1');
    expect(limited.data.result).toMatchObject({ total: 4, num_filtered: 4 });
    expect(limited.data.result?.result).toHaveLength(1);
    const pid = await list('/api/v0/actors?filter_keys=pid&filter_predicates=%3D&filter_values=3210');
    expect(pid.data.result?.result[0]?.class_name).toBe('ServeController');
  });

  it('hides driver tasks unless exclude_driver=false', async () => {
    const tasks = await list('/api/v0/tasks');
    expect(tasks.data.result?.total).toBe(4);
    expect(tasks.data.result?.result.every((row) => row.type !== 'DRIVER_TASK')).toBe(true);
    expect((await list('/api/v0/tasks?exclude_driver=false')).data.result?.total).toBe(5);
    const failed = await list(
      '/api/v0/tasks?detail=true&filter_keys=state&filter_predicates=%3D&filter_values=FAILED',
    );
    expect(failed.data.result?.result[0]).toMatchObject({
      name: 'load_dataset',
      error_type: 'TASK_EXECUTION_EXCEPTION',
    });
    expect(failed.data.result?.result[0]?.error_message).toContain('FileNotFoundError');
  });

  it('lists jobs as JobState rows', async () => {
    await fetch(`${served.url}/api/jobs/`, {
      method: 'POST',
      body: JSON.stringify({ entrypoint: 'echo hi', submission_id: 'state-job' }),
    });
    const jobs = await list(
      '/api/v0/jobs?filter_keys=submission_id&filter_predicates=%3D&filter_values=state-job',
    );
    expect(Object.keys(jobs.data.result?.result[0] ?? {}).sort()).toEqual(
      [
        'driver_info',
        'entrypoint',
        'error_type',
        'job_id',
        'message',
        'status',
        'submission_id',
        'type',
      ].sort(),
    );
    const all = await list('/api/v0/jobs');
    expect(all.data.result?.total).toBe(all.data.result?.num_after_truncation);
    expect(all.data.result?.total).toBe(2);
  });

  it('answers bad queries with result false and 400', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v0/nodes?limit=10001', 'exceeds the supported limit 10000'],
      ['/api/v0/nodes?timeout=0', '0 second timeout is not supported.'],
      ['/api/v0/nodes?timeout=1', '0 second timeout is not supported.'],
      [
        '/api/v0/nodes?filter_keys=node_id&filter_predicates=%3E&filter_values=x',
        'Unsupported filter predicate >',
      ],
      [
        '/api/v0/nodes?filter_keys=labels&filter_predicates=%3D&filter_values=x',
        'The given filter column labels is not supported',
      ],
      [
        '/api/v0/nodes?filter_keys=is_head_node&filter_predicates=%3D&filter_values=maybe',
        'boolean type column',
      ],
    ];
    for (const [path, message] of cases) {
      const body = await list(path, 400);
      expect(body.result).toBe(false);
      expect(body.msg).toContain(message);
      expect(body.data).toEqual({ result: null });
    }
  });
});
