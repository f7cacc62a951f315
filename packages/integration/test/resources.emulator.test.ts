import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmulator, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrationClient, NotFoundError, PermissionDeniedError, ValidationError } from '../src/index.js';

const emu = useEmulator();
const tmp = useTempDir('integration-resources-');
let client: IntegrationClient;
beforeAll(() => {
  client = emu.client(IntegrationClient);
});

describe('agents, storages, logs and serve applications against the emulator', () => {
  it('checks an agent by its token', async () => {
    const health = await client.healthCheckAgent(emu.emulator.tokens.agentToken);
    expect(health).toMatchObject({ status: 'connected', url: emu.emulator.agentUrl });
  });

  it('reports an unknown agent token as NotFoundError without printing it', async () => {
    const token = 'not-the-agent-token-4711';
    const error = await client.healthCheckAgent(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).url).toBe(`${emu.emulator.backendUrl}/agents/[REDACTED]/connect/`);
    expect(`${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(token);
  });

  it('gets the seeded storage 1 with its configuration, validated', async () => {
    const storage = await client.getStorage(1);
    expect(storage).toMatchObject({ id: 1, category: 'internal', provider: 'file_system', is_default: true });
    expect(storage.configuration).toEqual({ location: expect.any(String) });
  });

  it('creates a storage, lists storages and reads the new one back', async () => {
    const created = await client.createStorage({
      name: 'Models bucket',
      category: 'external',
      provider: 'amazon_s3',
      configuration: { bucket_name: 'models', region_name: 'eu-west-1' },
    });
    expect(created).toMatchObject({ name: 'Models bucket', provider: 'amazon_s3', is_default: false });
    const page = await client.listStorages();
    expect(page.count).toBe(2);
    expect(page.results.map((s) => s.id)).toEqual([1, created.id]);
    expect((await client.listStorages({ provider: 'amazon_s3' })).results.map((s) => s.id)).toEqual([
      created.id,
    ]);
    const all = await client.listStorages(undefined, { listAll: true });
    expect((await all.toArray()).map((s) => s.name)).toEqual(['Emulator storage', 'Models bucket']);
    expect(await client.getStorage(created.id)).toMatchObject({
      id: created.id,
      configuration: { bucket_name: 'models', region_name: 'eu-west-1' },
    });
  });

  it('refuses an invalid storage locally and a read-only token remotely', async () => {
    await expect(
      client.createStorage({ name: 'x', category: 'cloud' as never, provider: 'gcp' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const readOnly = emu.client(IntegrationClient, { apiToken: emu.emulator.tokens.readOnlyToken });
    expect((await readOnly.getStorage(1)).id).toBe(1);
    await expect(
      readOnly.createStorage({ name: 'x', category: 'internal', provider: 'file_system' }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('creates logs, one record or several, with a file sent as a data URI', async () => {
    const report = join(tmp.path, 'report.txt');
    await writeFile(report, 'accuracy 0.93\n');
    const one = await client.createLogs({ event: 'note', message: 'hello' });
    expect(one).toEqual([expect.objectContaining({ event: 'note', message: 'hello' })]);
    const two = await client.createLogs([{ event: 'report', file: report }, { event: 'done' }]);
    expect(two).toEqual([
      expect.objectContaining({
        event: 'report',
        file: `data:text/plain;base64,${Buffer.from('accuracy 0.93\n').toString('base64')}`,
      }),
      expect.objectContaining({ event: 'done' }),
    ]);
  });

  it('creates a serve application and lists it by job', async () => {
    const app = await client.createServeApplication({ name: 'detector', job: 1, plugin_release: 1 });
    expect(app).toMatchObject({ name: 'detector', job: 1 });
    const page = await client.listServeApplications({ job: 1 });
    expect(page.results.map((row) => row.id)).toContain(app.id);
    const all = await client.listServeApplications(undefined, { listAll: true });
    expect((await all.toArray()).map((row) => row.id)).toContain(app.id);
    expect(all.count).toBe((await client.listServeApplications()).count);
  });
});
