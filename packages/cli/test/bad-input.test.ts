import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closedPort } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliEmulator } from './support/cli-emulator.js';
import { runCli } from './support/run-cli.js';

const cli = useCliEmulator();

/** One line on stderr, nothing on stdout, no stack. */
function expectOneLine(run: { stdout: string; stderr: string }, line: string) {
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`synapse: ${line}\n`);
}

// A file mode of 000 stops every user but root; as root the CLI runs as `nobody` for that case.
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let folder: string;
beforeAll(async () => {
  folder = join(cli.dir, 'files');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'a.json'), '{"a":1}');
  await chmod(cli.dir, 0o755);
  await chmod(folder, 0o755);
});

describe('bad input: one line on stderr, a documented exit code, nothing sent', () => {
  it('a missing folder (exit 2)', async () => {
    const run = await runCli(['upload', join(cli.dir, 'missing'), '--collection', '1'], { env: cli.env() });
    expect(run.code).toBe(2);
    expectOneLine(run, `No such file or folder: ${join(cli.dir, 'missing')}`);
  });

  it('an unreadable file (exit 2)', async () => {
    const file = join(folder, 'locked.json');
    await writeFile(file, '{}');
    await chmod(file, 0o000);
    const env = cli.env({ SYNAPSE_CONFIG_DIR: join(cli.dir, 'no-config') });
    const run = await runCli(['upload', file, '--collection', '1'], { env, ...asUnprivileged });
    expect(run.code).toBe(2);
    expectOneLine(run, `Cannot read ${file}: permission denied`);
  });

  it('an unknown collection (exit 5)', async () => {
    const run = await runCli(['upload', folder, '--collection', '999'], { env: cli.env() });
    expect(run.code).toBe(5);
    expectOneLine(run, 'Data collection 999 not found');
  });

  it('an unknown file specification (exit 2)', async () => {
    const run = await runCli(['upload', folder, '--collection', '1', '--spec', 'video'], { env: cli.env() });
    expect(run.code).toBe(2);
    expectOneLine(run, 'Data collection 1 has no file specification "video" (it has: image_1, meta_1)');
  });

  it('a wrong token (exit 3), the token not printed', async () => {
    const token = 'wrong-token-5f2a';
    const run = await runCli(['upload', folder, '--collection', '1'], {
      env: cli.env({ SYNAPSE_API_TOKEN: token }),
    });
    expect(run.code).toBe(3);
    expectOneLine(
      run,
      `The backend refused the credentials: Backend GET ${cli.emulator.backendUrl}/data_collections/1/?expand=file_specifications: 401 Unauthorized {"detail":"Invalid token."} (check --token, SYNAPSE_API_TOKEN or \`synapse login\`)`,
    );
    expect(run.stderr).not.toContain(token);
  });

  it('an unreachable server: a closed loopback port (exit 4)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['upload', folder, '--collection', '1'], {
      env: cli.env({ SYNAPSE_BASE_URL: url }),
    });
    expect(run.code).toBe(4);
    expectOneLine(
      run,
      `Cannot reach the backend: Backend connection refused: GET ${url}/data_collections/1/?expand=file_specifications`,
    );
  });

  it('malformed numbers, shards and flag combinations (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['upload', folder, '--collection', 'abc'], '--collection must be a positive integer, got "abc"'],
      [
        ['upload', folder, '--collection', '1', '--concurrency', '0'],
        '--concurrency must be a positive integer, got "0"',
      ],
      [
        ['upload', folder, '--collection', '1', '--shard', '4/4'],
        '--shard must be i/n with 0 <= i < n (e.g. 0/4), got "4/4"',
      ],
      [['upload', '--collection', '1'], 'Give either folders/files to upload or --manifest FILE (not both)'],
      [
        ['upload', folder, '--collection', '1', '--manifest', 'm.jsonl'],
        'Give either folders/files to upload or --manifest FILE (not both)',
      ],
      [['get', 'tasks', '-1'], 'id must be a positive integer, got "-1"'],
      [['plugins', 'run', '1', '--action', 'a', '--params', '[1]'], '--params must be a JSON object'],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args, { env: cli.env() })));
    runs.forEach((run, i) => {
      expect(run.code).toBe(2);
      expectOneLine(run, cases[i]?.[1] as string);
    });
  });

  it('a bad manifest line names file and line, before any upload (exit 2)', async () => {
    const manifest = join(cli.dir, 'manifest.jsonl');
    await writeFile(manifest, `{"files":{"image_1":"files/a.json"}}\n\n{"files":{"nope":"files/a.json"}}\n`);
    const run = await runCli(['upload', '--manifest', manifest, '--collection', '1'], { env: cli.env() });
    expect(run.code).toBe(2);
    expectOneLine(
      run,
      `${manifest}:3: the collection has no file specification "nope" (it has: image_1, meta_1)`,
    );
  });

  it('--debug adds the stack to the line', async () => {
    const run = await runCli(['--debug', 'upload', folder, '--collection', '999'], { env: cli.env() });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /^synapse: Data collection 999 not found\nCliError: Data collection 999 not found\n\s+at /,
    );
  });
});
