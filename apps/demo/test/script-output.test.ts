import { DEFAULT_TOKENS } from '@synapse/emulator';
import { useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/json-printer.js';
import { type DemoRun, runDemo } from './run-demo.js';

const RUN = { timeout: 180_000 };
const SUMMARY = /^All 5 workflows succeeded in [\d.]+ s\.\n$/;
const emu = useEmulator();

let text: DemoRun;
let quiet: DemoRun;
let json: DemoRun;
beforeAll(async () => {
  [text, quiet, json] = await Promise.all([runDemo(), runDemo({}, ['--quiet']), runDemo({}, ['--json'])]);
}, 180_000);

/** A run against the shared emulator with a project that does not exist: the Data workflow fails. */
function runWithMissingProject(args: string[]): Promise<DemoRun> {
  return runDemo(
    {
      SYNAPSE_BASE_URL: emu.emulator.backendUrl,
      SYNAPSE_API_TOKEN: emu.emulator.tokens.accessToken,
      SYNAPSE_DEMO_PROJECT: '999',
    },
    args,
  );
}

describe('--quiet', () => {
  it('prints only the summary line', () => {
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(SUMMARY);
  });

  it('prints the failure on stderr and the summary alone on stdout', RUN, async () => {
    const { code, stdout, stderr } = await runWithMissingProject(['--quiet']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^1 of 3 workflows failed \(Data\) in [\d.]+ s\n$/);
    expect(stderr).toMatch(/^ {2}✗ get the project failed: NotFoundError \(404\): .*\n$/);
  });
});

describe('--json', () => {
  it('prints one JSON object and nothing else', () => {
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report).toMatchObject({
      emulator: true,
      backend: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
    });
    expect(report.summary).toMatchObject({ ok: true, ran: 5, skipped: 0, failed: [] });
    expect(report.summary.text).toMatch(/^All 5 workflows succeeded in [\d.]+ s\.$/);
    expect(report.summary.seconds).toBeGreaterThan(0);
  });

  it('gives each step its name, call, status and time, the same calls the text output prints', () => {
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.workflows.map((workflow) => [workflow.title.split(':')[0], workflow.status])).toEqual([
      ['Data', 'succeeded'],
      ['Plugins', 'succeeded'],
      ['ML', 'succeeded'],
      ['Agent', 'succeeded'],
      ['Ray', 'succeeded'],
    ]);
    const steps = report.workflows.flatMap((workflow) => workflow.steps);
    for (const step of steps) {
      expect(step).toEqual({
        name: expect.stringMatching(/^[a-z]/),
        call: expect.stringMatching(/^(backend|agent|ray)\.\w+\(.*\)$/),
        status: 'succeeded',
        ms: expect.any(Number),
      });
      expect(step.ms).toBeGreaterThanOrEqual(0);
    }
    expect(steps.find((step) => step.name === 'chunked upload of a data file')?.call).toBe(
      'backend.createDataFile(path, { chunkSize, onProgress })',
    );
    const textCalls = text.stdout
      .split('\n')
      .filter((line) => line.startsWith('  → '))
      .map((line) => line.slice('  → '.length));
    expect(steps.map((step) => step.call)).toEqual(textCalls);
  });

  it('marks the failed step and workflow, and the skipped ones', RUN, async () => {
    const { code, stdout, stderr } = await runWithMissingProject(['--json']);
    expect(code).toBe(1);
    expect(stderr).toContain('✗ get the project failed: NotFoundError (404)');
    const report = JSON.parse(stdout) as JsonReport;
    const [data, , , agent] = report.workflows;
    expect(data?.status).toBe('failed');
    expect(data?.error).toMatch(/^get the project failed: NotFoundError \(404\)/);
    expect(data?.steps.at(-1)).toMatchObject({
      name: 'get the project',
      call: 'backend.getProject(settings.projectId)',
      status: 'failed',
      error: expect.stringMatching(/^NotFoundError \(404\)/),
    });
    expect(agent).toMatchObject({ status: 'skipped', reason: expect.stringContaining('SYNAPSE_AGENT_URL') });
    expect(report.summary).toMatchObject({ ok: false, ran: 3, skipped: 2, failed: ['Data'] });
  });
});

describe('secrets', () => {
  it('never appear in any output', RUN, async () => {
    const configured = await runDemo(
      {
        SYNAPSE_BASE_URL: emu.emulator.backendUrl,
        SYNAPSE_API_TOKEN: emu.emulator.tokens.accessToken,
        SYNAPSE_AGENT_URL: emu.emulator.agentUrl,
        SYNAPSE_AGENT_TOKEN: emu.emulator.tokens.agentToken,
      },
      ['--json'],
    );
    expect(configured.code).toBe(0);
    const refused = await runDemo({
      SYNAPSE_BASE_URL: emu.emulator.backendUrl,
      SYNAPSE_API_TOKEN: 'wrong-token',
    });
    expect(refused.stderr).toMatch(/^The token was refused/);

    const tokens = [...Object.values(DEFAULT_TOKENS), ...Object.values(emu.emulator.tokens), 'wrong-token'];
    for (const run of [text, quiet, json, configured, refused]) {
      for (const token of tokens) {
        expect(run.stdout).not.toContain(token);
        expect(run.stderr).not.toContain(token);
      }
    }
  });
});
