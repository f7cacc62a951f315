import { join } from 'node:path';
import { useTempDir } from '@synapse/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { recordingClient } from './helpers.js';

const { client, sent } = recordingClient();
const tmp = useTempDir('integration-validation-');
afterEach(() => {
  sent.length = 0;
});

async function drain(lines: AsyncIterable<string>): Promise<void> {
  for await (const _ of lines) {
    // consumed only to start the request
  }
}

describe('IntegrationClient rejects bad input before sending', () => {
  it.each([
    ['an empty agent token', () => client.healthCheckAgent(''), 'token'],
    ['a non-string agent token', () => client.healthCheckAgent({} as never), 'token'],
    ['a path-traversal plugin id', () => client.getPlugin('../admin'), 'id'],
    ['a list as plugin data', () => client.createPlugin([] as never), 'data'],
    ['null plugin data', () => client.updatePlugin(1, null as never), 'data'],
    ['a negative plugin id', () => client.updatePlugin(-1, {}), 'id'],
    ['a string as run data', () => client.runPlugin(1, 'train' as never), 'data'],
    ['a NaN release id', () => client.getPluginRelease(Number.NaN), 'id'],
    ['an object query param', () => client.getPluginRelease(1, { expand: {} as never }), 'params.expand'],
    ['a release without file', () => client.createPluginRelease({ plugin: 1 } as never), 'data.file'],
    [
      'a release with a missing file',
      () => client.createPluginRelease({ file: join(tmp.path, 'nope.zip') }),
      'data.file',
    ],
    ['a release whose file is a folder', () => client.createPluginRelease({ file: tmp.path }), 'data.file'],
    ['a release with a number as file', () => client.createPluginRelease({ file: 3 as never }), 'data.file'],
    ['a fractional job id', () => client.getJob(1.5), 'id'],
    [
      'a job list with a bad signal',
      () => client.listJobs(undefined, { signal: {} as never }),
      'options.signal',
    ],
    ['an invalid job status', () => client.updateJob(1, { status: 'done' as never }), 'data.status'],
    [
      'a list as progress_record',
      () => client.updateJob(1, { progress_record: [] as never }),
      'data.progress_record',
    ],
    ['a job id with a slash', () => client.listJobConsoleLogs('1/2'), 'id'],
    ['a tail of a bad job id', () => drain(client.tailJobConsoleLogs('..')), 'id'],
    [
      'a negative idle timeout',
      () => drain(client.tailJobConsoleLogs(1, { idleTimeout: -1 })),
      'options.idleTimeout',
    ],
    [
      'a zero idle timeout',
      () => drain(client.tailJobConsoleLogs(1, { idleTimeout: 0 })),
      'options.idleTimeout',
    ],
    [
      'an endless idle timeout',
      () => drain(client.tailJobConsoleLogs(1, { idleTimeout: Number.POSITIVE_INFINITY })),
      'options.idleTimeout',
    ],
    [
      'an idle timeout as text',
      () => drain(client.tailJobConsoleLogs(1, { idleTimeout: '5' as never })),
      'options.idleTimeout',
    ],
    ['a string as log data', () => client.createLogs('x' as never), 'data'],
    ['a missing log file', () => client.createLogs({ file: join(tmp.path, 'nope.png') }), 'data.file'],
    [
      'a missing log file in a list',
      () => client.createLogs([{}, { file: join(tmp.path, 'x.png') }]),
      'data.1.file',
    ],
    ['a list as serve application', () => client.createServeApplication([] as never), 'data'],
    ['a bad serve list param', () => client.listServeApplications({ job: [{}] as never }), 'params.job'],
    ['a storage id with ..', () => client.getStorage('a..b'), 'id'],
    ['a storage list with bad params', () => client.listStorages('x' as never), 'params'],
    ['a storage without name', () => client.createStorage({ category: 'internal' } as never), 'data.name'],
  ])('%s', async (_, call, argument) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
    expect(sent).toEqual([]);
  });
});
