import { describe, expect, it } from 'vitest';
import { useCliEmulator } from './support/cli-emulator.js';
import { jsonLines, runCli, spawnCli } from './support/run-cli.js';

const cli = useCliEmulator();

const COMMANDS = [
  [],
  ['login'],
  ['config', 'show'],
  ['upload'],
  ['tasks', 'list'],
  ['get'],
  ['jobs', 'logs'],
  ['plugins', 'run'],
  ['ray', 'jobs', 'submit'],
  ['ray', 'jobs', 'logs'],
  ['ray', 'jobs', 'wait'],
  ['emulator'],
];

describe('help and version', () => {
  it('--help on every command prints its usage on stdout and exits 0', async () => {
    const runs = await Promise.all(COMMANDS.map((path) => runCli([...path, '--help'])));
    runs.forEach((run, i) => {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `Usage: synapse${COMMANDS[i]?.length ? ` ${COMMANDS[i]?.join(' ')}` : ''}`,
      );
      expect(run.stderr).toBe('');
    });
  });

  it('--version prints the package version', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('an unknown command or flag is a usage error (exit 2) with a hint, no stack', async () => {
    const runs = await Promise.all([runCli(['frobnicate']), runCli(['get', '--frob', 'tasks', '1'])]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: unknown (command|option)/);
      expect(run.stderr).toContain('(add --help for usage)');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('get', () => {
  it('prints one resource as one JSON line with --json', async () => {
    const run = await runCli(['get', 'projects', '1', '--json'], { env: cli.env() });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([await cli.get('projects/1/')]);
  });

  it('maps each resource to its client method', async () => {
    const cases: [string, string][] = [
      ['tasks', 'tasks/1/'],
      ['data-units', 'data_units/1/'],
      ['assignments', 'assignments/1/'],
      ['jobs', 'jobs/1/'],
      ['plugins', 'plugins/1/'],
      ['task-tags', 'task_tags/1/'],
    ];
    const runs = await Promise.all(
      cases.map(([resource]) => runCli(['get', resource, '1', '--json'], { env: cli.env() })),
    );
    for (const [i, run] of runs.entries()) {
      expect(run.code, run.stderr).toBe(0);
      expect(jsonLines(run.stdout)).toEqual([await cli.get(cases[i]?.[1] as string)]);
    }
  });

  it('prints indented JSON without --json', async () => {
    const run = await runCli(['get', 'data-collections', '1'], { env: cli.env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {2}"id": 1,/);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 1, file_specifications: expect.any(Array) });
  });
});

describe('tasks list', () => {
  it('streams the tasks of a project, one JSON line each, up to --limit', async () => {
    const all = await runCli(['tasks', 'list', '--project', '1', '--json'], { env: cli.env() });
    expect(all.code).toBe(0);
    const page = (await cli.get('sdk/tasks/?project=1')) as { results: { id: number }[] };
    expect(jsonLines(all.stdout).map((task) => task.id)).toEqual(page.results.map((task) => task.id));

    const limited = await runCli(['tasks', 'list', '--project', '1', '--limit', '2', '--json'], {
      env: cli.env(),
    });
    expect(jsonLines(limited.stdout)).toHaveLength(2);
  });

  it('prints id, status and data unit per line without --json', async () => {
    const run = await runCli(['tasks', 'list', '--project', '1', '--status', 'completed'], {
      env: cli.env(),
    });
    expect(run).toMatchObject({ code: 0, stdout: '3\tcompleted\t3\n' });
  });
});

describe('jobs and plugins', () => {
  it('plugins run --follow streams the job log and exits 0 when the job succeeded', async () => {
    const run = await runCli(['plugins', 'run', '1', '--action', 'test', '--follow', '--json'], {
      env: cli.env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const [reply, final] = jsonLines(run.stdout);
    expect(reply?.job_id).toEqual(expect.any(Number));
    expect(final).toEqual({ job_id: reply?.job_id, status: 'succeeded' });
    expect(run.stderr.length).toBeGreaterThan(0);

    const logs = await runCli(['jobs', 'logs', String(reply?.job_id), '--json'], { env: cli.env() });
    const entries = (await cli.get(`jobs/${reply?.job_id}/console_logs/`)) as unknown[];
    expect(jsonLines(logs.stdout)).toEqual(entries);
  });

  it('plugins run --follow exits 1 when the job failed', async () => {
    const run = await runCli(
      ['plugins', 'run', '1', '--action', 'test', '--params', '{"fail":true}', '--follow'],
      {
        env: cli.env(),
      },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/job \d+ failed\n$/);
  });

  it('jobs logs --follow prints every line until the job ends', async () => {
    const started = await runCli(['plugins', 'run', '1', '--action', 'test', '--json'], { env: cli.env() });
    const jobId = String(jsonLines(started.stdout)[0]?.job_id);
    const run = await runCli(['jobs', 'logs', jobId, '--follow'], { env: cli.env() });
    expect(run.code).toBe(0);
    const entries = (await cli.get(`jobs/${jobId}/console_logs/`)) as { message: string }[];
    expect(run.stdout).toBe(entries.map((entry) => `${entry.message}\n`).join(''));
  });
});

describe('ray jobs', () => {
  it('submit prints the id; wait prints SUCCEEDED (exit 0); logs prints the log', async () => {
    const submit = await runCli(['ray', 'jobs', 'submit', '--json', '--', 'python', '-c', 'print(1)'], {
      env: cli.env(),
    });
    expect(submit.code, submit.stderr).toBe(0);
    const id = String(jsonLines(submit.stdout)[0]?.submission_id);
    const wait = await runCli(['ray', 'jobs', 'wait', id], { env: cli.env() });
    expect(wait).toMatchObject({ code: 0, stdout: 'SUCCEEDED\n' });
    const { rayUrl } = cli.emulator;
    const job = (await (await fetch(`${rayUrl}/api/jobs/${id}`)).json()) as { entrypoint: string };
    expect(job.entrypoint).toBe('python -c print(1)');
    const logs = await runCli(['ray', 'jobs', 'logs', id], { env: cli.env() });
    const expected = (await (await fetch(`${rayUrl}/api/jobs/${id}/logs`)).json()) as { logs: string };
    expect(logs).toMatchObject({ code: 0, stdout: expected.logs });
  });

  it('without a Ray URL says how to give one (exit 2)', async () => {
    const run = await runCli(['ray', 'jobs', 'wait', 'x'], { env: cli.env({ SYNAPSE_RAY_URL: undefined }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'synapse: No Ray dashboard URL: pass --ray-url, set SYNAPSE_RAY_URL or store one with synapse login --ray-url\n',
    );
  });
});

describe('emulator', () => {
  it('prints its URLs and local tokens as JSON, serves, and stops on SIGTERM with exit 0', async () => {
    const child = spawnCli(['emulator', '--json']);
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) resolve(text.split('\n')[0] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const info = JSON.parse(line) as { backendUrl: string; rayUrl: string; tokens: { accessToken: string } };
    expect(info.tokens.accessToken).toBe('synapse-emulator-access-token');
    const reply = await fetch(`${info.backendUrl}/projects/1/`, {
      headers: { 'Synapse-Access-Token': `Token ${info.tokens.accessToken}` },
    });
    expect(reply.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
