import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/run-cli.js';

const temp = useTempDir('synapse-cli-config-');
let folders = 0;
/** A config folder of its own for each test (not yet made: login makes it). */
function freshConfigDir(): string {
  folders += 1;
  return join(temp.path, `config-${folders}`);
}

const TOKEN = 'profile-secret-token-1234';

async function showSettings(args: string[], env: Record<string, string | undefined>) {
  const run = await runCli([...args, 'config', 'show', '--json'], { env });
  expect(run.code, run.stderr).toBe(0);
  return jsonLines(run.stdout)[0] as Record<string, unknown>;
}

async function writeProfiles(dir: string, profiles: Record<string, Record<string, string>>) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify({ profiles }));
}

describe('synapse login', () => {
  it('stores the profile with owner-only permissions and never prints the token', async () => {
    const dir = freshConfigDir();
    const run = await runCli(
      ['login', '--base-url', 'https://synapse.example', '--tenant', 'acme', '--token-stdin'],
      {
        env: { SYNAPSE_CONFIG_DIR: dir },
        input: `${TOKEN}\n`,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    expect(run.stderr).toBe(
      `Saved profile "default" (https://synapse.example) to ${join(dir, 'config.json')}\n`,
    );
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { baseUrl: 'https://synapse.example', token: TOKEN, tenant: 'acme' } },
    });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
  });

  it('takes the token from SYNAPSE_API_TOKEN, keeps other profiles and the values not given', async () => {
    const dir = freshConfigDir();
    await writeProfiles(dir, { other: { baseUrl: 'https://other.example', token: 'x' } });
    const env = { SYNAPSE_CONFIG_DIR: dir, SYNAPSE_API_TOKEN: TOKEN };
    const first = await runCli(
      ['login', '--profile', 'work', '--base-url', 'https://a.example', '--ray-url', 'http://ray:8265'],
      { env },
    );
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['login', '--profile', 'work', '--base-url', 'https://b.example'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')).profiles).toEqual({
      other: { baseUrl: 'https://other.example', token: 'x' },
      work: { baseUrl: 'https://b.example', token: TOKEN, rayUrl: 'http://ray:8265' },
    });
  });

  it('refuses without a base URL or a token, and a base URL that is no URL (exit 2)', async () => {
    const env = { SYNAPSE_CONFIG_DIR: freshConfigDir() };
    const runs = await Promise.all([
      runCli(['login', '--token', TOKEN], { env }),
      runCli(['login', '--base-url', 'https://a.example'], { env }),
      runCli(['login', '--base-url', 'not a url', '--token', TOKEN], { env }),
    ]);
    expect(runs.map((run) => [run.code, run.stderr])).toEqual([
      [2, 'synapse: synapse login needs --base-url (or SYNAPSE_BASE_URL)\n'],
      [2, 'synapse: synapse login needs a token: --token-stdin, --token or SYNAPSE_API_TOKEN\n'],
      [2, 'synapse: --base-url is not a URL: not a url\n'],
    ]);
  });
});

describe('settings precedence: flags > environment > profile', () => {
  it('reads the default profile when nothing else is given, the token redacted', async () => {
    const dir = freshConfigDir();
    await writeProfiles(dir, {
      default: {
        baseUrl: 'https://profile.example',
        token: TOKEN,
        tenant: 'p-tenant',
        rayUrl: 'http://p-ray',
      },
    });
    const shown = await showSettings([], { SYNAPSE_CONFIG_DIR: dir });
    expect(shown).toEqual({
      profile: 'default',
      configFile: join(dir, 'config.json'),
      baseUrl: 'https://profile.example',
      token: '<redacted>',
      tenant: 'p-tenant',
      rayUrl: 'http://p-ray',
      sources: { baseUrl: 'profile', token: 'profile', tenant: 'profile', rayUrl: 'profile' },
    });
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
  });

  it('the environment overrides the profile, and flags override both', async () => {
    const dir = freshConfigDir();
    await writeProfiles(dir, {
      default: { baseUrl: 'https://default.example', token: 'd' },
      work: { baseUrl: 'https://work.example', token: TOKEN, tenant: 'w-tenant', rayUrl: 'http://w-ray' },
    });
    const env = {
      SYNAPSE_CONFIG_DIR: dir,
      SYNAPSE_BASE_URL: 'https://env.example',
      SYNAPSE_TENANT: 'env-tenant',
    };
    const fromEnv = await showSettings(['--profile', 'work'], env);
    expect(fromEnv).toMatchObject({
      profile: 'work',
      baseUrl: 'https://env.example',
      tenant: 'env-tenant',
      rayUrl: 'http://w-ray',
      sources: { baseUrl: 'env', token: 'profile', tenant: 'env', rayUrl: 'profile' },
    });
    const fromFlags = await showSettings(
      [
        '--profile',
        'work',
        '--base-url',
        'https://flag.example',
        '--ray-url',
        'http://flag-ray',
        '--token',
        'f',
      ],
      { ...env, SYNAPSE_API_TOKEN: 'e', SYNAPSE_RAY_URL: 'http://env-ray' },
    );
    expect(fromFlags).toMatchObject({
      baseUrl: 'https://flag.example',
      tenant: 'env-tenant',
      rayUrl: 'http://flag-ray',
      token: '<redacted>',
      sources: { baseUrl: 'flag', token: 'flag', tenant: 'env', rayUrl: 'flag' },
    });
  });

  it('the token in use is the one the precedence picks (a request with each)', async () => {
    // The emulator accepts only its own token: which one the CLI sent shows in the exit code.
    const { startEmulator } = await import('@synapse/emulator');
    const emulator = await startEmulator();
    try {
      const dir = freshConfigDir();
      const good = emulator.tokens.accessToken;
      await writeProfiles(dir, { default: { baseUrl: emulator.backendUrl, token: 'wrong-profile-token' } });
      const env = { SYNAPSE_CONFIG_DIR: dir };
      const runs = await Promise.all([
        runCli(['get', 'projects', '1'], { env }),
        runCli(['get', 'projects', '1'], { env: { ...env, SYNAPSE_API_TOKEN: good } }),
        runCli(['get', 'projects', '1', '--token', 'wrong-flag-token'], {
          env: { ...env, SYNAPSE_API_TOKEN: good },
        }),
        runCli(['get', 'projects', '1', '--token', good], {
          env: { ...env, SYNAPSE_API_TOKEN: 'wrong-env' },
        }),
      ]);
      expect(runs.map((run) => run.code)).toEqual([3, 0, 3, 0]);
      for (const run of runs) expect(run.stderr).not.toMatch(/wrong-|synapse-emulator-access-token/);
    } finally {
      await emulator.stop();
    }
  });

  it('an unknown --profile is a usage error naming the known ones', async () => {
    const dir = freshConfigDir();
    await writeProfiles(dir, { default: { baseUrl: 'https://a.example', token: 't' } });
    const run = await runCli(['--profile', 'nope', 'config', 'show'], { env: { SYNAPSE_CONFIG_DIR: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `synapse: No profile "nope" in ${dir} (known: default); run synapse login --profile nope\n`,
    );
  });

  it('a broken config file is one line naming it', async () => {
    const dir = freshConfigDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{ not json');
    const run = await runCli(['config', 'show'], { env: { SYNAPSE_CONFIG_DIR: dir } });
    expect(run).toMatchObject({
      code: 2,
      stderr: `synapse: ${join(dir, 'config.json')} is not valid JSON: fix or delete it, then run synapse login again\n`,
    });
  });

  it('without a base URL or token, a backend command says how to give them', async () => {
    const env = { SYNAPSE_CONFIG_DIR: freshConfigDir() };
    const runs = await Promise.all([
      runCli(['get', 'projects', '1'], { env }),
      runCli(['get', 'projects', '1'], { env: { ...env, SYNAPSE_BASE_URL: 'http://127.0.0.1:9' } }),
    ]);
    expect(runs.map((run) => [run.code, run.stderr])).toEqual([
      [2, 'synapse: No backend URL: pass --base-url, set SYNAPSE_BASE_URL or run synapse login\n'],
      [2, 'synapse: No API token: set SYNAPSE_API_TOKEN, pass --token or run synapse login\n'],
    ]);
  });
});
