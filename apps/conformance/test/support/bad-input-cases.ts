import { AgentClient } from '@synapse/agent';
import { AnnotationClient } from '@synapse/annotation';
import { CoreClient, type FetchFunction } from '@synapse/core';
import { DataCollectionClient } from '@synapse/data';
import { HITLClient } from '@synapse/hitl';
import { IntegrationClient } from '@synapse/integration';
import { MLClient } from '@synapse/ml';
import { RayClient } from '@synapse/ray';

export type PackageName = 'core' | 'annotation' | 'data' | 'hitl' | 'integration' | 'ml' | 'agent' | 'ray';

export interface Clients {
  core: CoreClient;
  annotation: AnnotationClient;
  data: DataCollectionClient;
  hitl: HITLClient;
  integration: IntegrationClient;
  ml: MLClient;
  agent: AgentClient;
  ray: RayClient;
}

export interface Context {
  clients: Clients;
  fetch: FetchFunction;
  /** A folder that exists (to pass where a file is expected). */
  folder: string;
}

export interface BadInputCase {
  pkg: PackageName;
  what: string;
  /** The argument the error must name. */
  argument: string;
  call: (ctx: Context) => unknown;
}

export const BASE_URL = 'https://api.synapse.test';
export const TOKEN = 'bad-input-known-token-value';

export function makeClients(fetch: FetchFunction): Clients {
  const backend = { baseUrl: BASE_URL, apiToken: TOKEN, fetch };
  return {
    core: new CoreClient(backend),
    annotation: new AnnotationClient(backend),
    data: new DataCollectionClient(backend),
    hitl: new HITLClient(backend),
    integration: new IntegrationClient(backend),
    ml: new MLClient(backend),
    agent: new AgentClient({ baseUrl: 'https://agent.synapse.test', agentToken: TOKEN, fetch }),
    ray: new RayClient({ baseUrl: 'https://ray.synapse.test', fetch }),
  };
}

/** Pulls the first item of a generator, which is when it validates and sends. */
const first = (gen: AsyncGenerator<unknown>) => gen.next();
const wrong = <T>(value: unknown) => value as T;
const HUGE = 'x'.repeat(5000);

export const CASES: BadInputCase[] = [
  // client options
  { pkg: 'core', what: 'missing baseUrl', argument: 'baseUrl', call: () => new CoreClient(wrong({})) },
  {
    pkg: 'annotation',
    what: 'malformed base URL',
    argument: 'baseUrl',
    call: () => new AnnotationClient({ baseUrl: 'not a url' }),
  },
  {
    pkg: 'data',
    what: 'base URL with another scheme',
    argument: 'baseUrl',
    call: () => new DataCollectionClient({ baseUrl: 'ftp://files.synapse.test' }),
  },
  {
    pkg: 'hitl',
    what: 'base URL with credentials',
    argument: 'baseUrl',
    call: () => new HITLClient({ baseUrl: 'https://user:pw@api.synapse.test' }),
  },
  {
    pkg: 'integration',
    what: 'plain-http remote URL with a token',
    argument: 'baseUrl',
    call: () => new IntegrationClient({ baseUrl: 'http://api.synapse.test', apiToken: TOKEN }),
  },
  {
    pkg: 'agent',
    what: 'plain-http remote agent with a token',
    argument: 'baseUrl',
    call: () => new AgentClient({ baseUrl: 'http://agent.synapse.test', agentToken: TOKEN }),
  },
  {
    pkg: 'ml',
    what: 'unknown option',
    argument: 'apiTokn',
    call: () => new MLClient(wrong({ baseUrl: BASE_URL, apiTokn: TOKEN })),
  },
  {
    pkg: 'ray',
    what: 'backend option on the Ray client',
    argument: 'apiToken',
    call: () => new RayClient(wrong({ baseUrl: BASE_URL, apiToken: TOKEN })),
  },
  {
    pkg: 'core',
    what: 'negative timeout',
    argument: 'timeout.read',
    call: () => new CoreClient({ baseUrl: BASE_URL, timeout: { read: -1 } }),
  },
  {
    pkg: 'core',
    what: 'NaN connect timeout',
    argument: 'timeout.connect',
    call: () => new CoreClient({ baseUrl: BASE_URL, timeout: { connect: Number.NaN } }),
  },
  {
    pkg: 'annotation',
    what: 'fractional maxRetries',
    argument: 'maxRetries',
    call: () => new AnnotationClient({ baseUrl: BASE_URL, maxRetries: 1.5 }),
  },
  {
    pkg: 'core',
    what: 'negative retry delay',
    argument: 'retry.initialDelay',
    call: () => new CoreClient({ baseUrl: BASE_URL, retry: { initialDelay: -1 } }),
  },
  {
    pkg: 'core',
    what: 'fetch not a function',
    argument: 'fetch',
    call: () => new CoreClient(wrong({ baseUrl: BASE_URL, fetch: 'fetch' })),
  },
  {
    pkg: 'annotation',
    what: 'token of the wrong type',
    argument: 'apiToken',
    call: () => new AnnotationClient(wrong({ baseUrl: BASE_URL, apiToken: 42 })),
  },
  {
    pkg: 'agent',
    what: 'agent client without options',
    argument: 'options',
    call: () => new AgentClient(wrong(null)),
  },
  // path ids
  {
    pkg: 'annotation',
    what: 'NaN id',
    argument: 'id',
    call: ({ clients }) => clients.annotation.getProject(Number.NaN),
  },
  {
    pkg: 'annotation',
    what: 'negative id',
    argument: 'id',
    call: ({ clients }) => clients.annotation.getTask(-1),
  },
  {
    pkg: 'annotation',
    what: 'fractional id',
    argument: 'id',
    call: ({ clients }) => clients.annotation.getTaskTag(1.5),
  },
  {
    pkg: 'annotation',
    what: 'path traversal id',
    argument: 'id',
    call: ({ clients }) => clients.annotation.getTask('../x'),
  },
  {
    pkg: 'data',
    what: 'empty id',
    argument: 'id',
    call: ({ clients }) => clients.data.getDataCollection(''),
  },
  {
    pkg: 'data',
    what: 'id with a slash',
    argument: 'id',
    call: ({ clients }) => clients.data.getDataUnit('1/2'),
  },
  {
    pkg: 'hitl',
    what: 'oversized id',
    argument: 'id',
    call: ({ clients }) => clients.hitl.getAssignment(HUGE),
  },
  {
    pkg: 'hitl',
    what: 'object id',
    argument: 'id',
    call: ({ clients }) => clients.hitl.getAssignment(wrong({})),
  },
  {
    pkg: 'integration',
    what: 'Infinity id',
    argument: 'id',
    call: ({ clients }) => clients.integration.getPlugin(Infinity),
  },
  {
    pkg: 'integration',
    what: 'dot-dot id',
    argument: 'id',
    call: ({ clients }) => clients.integration.getJob('..'),
  },
  {
    pkg: 'integration',
    what: 'backslash traversal id',
    argument: 'id',
    call: ({ clients }) => clients.integration.getStorage('..\\x'),
  },
  { pkg: 'ml', what: 'null id', argument: 'id', call: ({ clients }) => clients.ml.getModel(wrong(null)) },
  {
    pkg: 'ml',
    what: 'unsafe integer id',
    argument: 'id',
    call: ({ clients }) => clients.ml.getGroundTruthVersion(2 ** 60),
  },
  {
    pkg: 'agent',
    what: 'traversal job id',
    argument: 'pk',
    call: ({ clients }) => clients.agent.getJob('../../etc'),
  },
  {
    pkg: 'agent',
    what: 'blank panel',
    argument: 'panel',
    call: ({ clients }) => clients.agent.getMetrics('  '),
  },
  {
    pkg: 'ray',
    what: 'traversal Ray job id',
    argument: 'id',
    call: ({ clients }) => clients.ray.getJobInfo('../x'),
  },
  { pkg: 'ray', what: 'empty Ray job id', argument: 'id', call: ({ clients }) => clients.ray.getJobLogs('') },
  {
    pkg: 'ray',
    what: 'object Ray job id',
    argument: 'id',
    call: ({ clients }) => clients.ray.stopJob(wrong({})),
  },
  // bodies and params
  {
    pkg: 'annotation',
    what: 'task without project',
    argument: 'data.project',
    call: ({ clients }) => clients.annotation.createTasks(wrong<never>({ name: 'x' })),
  },
  {
    pkg: 'annotation',
    what: 'empty bulk create',
    argument: 'data',
    call: ({ clients }) => clients.annotation.createTasks(wrong<never>([])),
  },
  {
    pkg: 'annotation',
    what: 'annotation data a string',
    argument: 'data',
    call: ({ clients }) => clients.annotation.annotateTaskData(1, wrong('labels')),
  },
  {
    pkg: 'annotation',
    what: 'query param of the wrong type',
    argument: 'params.project',
    call: ({ clients }) => clients.annotation.listTasks(wrong({ project: { nested: 1 } })),
  },
  {
    pkg: 'integration',
    what: 'invalid job status enum',
    argument: 'data.status',
    call: ({ clients }) => clients.integration.updateJob(1, wrong({ status: 'exploded' })),
  },
  {
    pkg: 'integration',
    what: 'plugin body a list',
    argument: 'data',
    call: ({ clients }) => clients.integration.createPlugin(wrong([1, 2])),
  },
  {
    pkg: 'integration',
    what: 'idle timeout negative',
    argument: 'options.idleTimeout',
    call: ({ clients }) => first(clients.integration.tailJobConsoleLogs(1, { idleTimeout: -1 })),
  },
  {
    pkg: 'integration',
    what: 'empty agent token',
    argument: 'token',
    call: ({ clients }) => clients.integration.healthCheckAgent(''),
  },
  {
    pkg: 'data',
    what: 'checksums not a list',
    argument: 'checksums',
    call: ({ clients }) => clients.data.dataFilesVerifyChecksums(wrong('abc')),
  },
  {
    pkg: 'data',
    what: 'data unit without a collection',
    argument: 'data',
    call: ({ clients }) => clients.data.createDataUnits(wrong<never>(42)),
  },
  {
    pkg: 'hitl',
    what: 'set tags body a number',
    argument: 'data',
    call: ({ clients }) => clients.hitl.setTagsAssignments(wrong(5)),
  },
  {
    pkg: 'ml',
    what: 'model body missing',
    argument: 'data',
    call: ({ clients }) => clients.ml.createModel(wrong(undefined)),
  },
  {
    pkg: 'agent',
    what: 'long-poll handler without methods',
    argument: 'longPollHandler',
    call: () =>
      new AgentClient(
        wrong({ baseUrl: 'https://agent.synapse.test', agentToken: TOKEN, longPollHandler: {} }),
      ),
  },
  {
    pkg: 'agent',
    what: 'backend option on the agent client',
    argument: 'apiToken',
    call: () =>
      new AgentClient(wrong({ baseUrl: 'https://agent.synapse.test', agentToken: TOKEN, apiToken: TOKEN })),
  },
  {
    pkg: 'ray',
    what: 'negative wait timeout',
    argument: 'waitTimeout',
    call: ({ clients }) => clients.ray.waitForJob('raysubmit_1', { waitTimeout: -5 }),
  },
  {
    pkg: 'ray',
    what: 'wait limit given as timeout (its former name)',
    argument: 'options.timeout',
    call: ({ clients }) => clients.ray.waitForJob('raysubmit_1', wrong({ timeout: 3600 })),
  },
  {
    pkg: 'ray',
    what: 'wait with a zero read timeout per status request',
    argument: 'options.timeout.read',
    call: ({ clients }) => clients.ray.waitForJob('raysubmit_1', { timeout: { read: 0 } }),
  },
  {
    pkg: 'ray',
    what: 'State list server time limit given as timeout (its former name)',
    argument: 'options.timeout',
    call: ({ clients }) => clients.ray.listActors(wrong({ timeout: 10 })),
  },
  {
    pkg: 'ray',
    what: 'State list server timeout of 0',
    argument: 'options.serverTimeout',
    call: ({ clients }) => clients.ray.listClusterNodes({ serverTimeout: 0 }),
  },
  {
    pkg: 'ray',
    what: 'log tail with maxRetries (a WebSocket is never retried)',
    argument: 'options.maxRetries',
    call: ({ clients }) => first(clients.ray.tailJobLogs('raysubmit_1', wrong({ maxRetries: 1 }))),
  },
  {
    pkg: 'agent',
    what: 'WebSocket tail with maxRetries',
    argument: 'options.maxRetries',
    call: ({ clients }) =>
      first(clients.agent.tailJobLogs('job-1', wrong({ protocol: 'websocket', maxRetries: 2 }))),
  },
  {
    pkg: 'agent',
    what: 'tail with both timeout.read and streamTimeout',
    argument: 'options.timeout.read',
    call: ({ clients }) =>
      first(clients.agent.streamTailJobLogs('job-1', { streamTimeout: 5, timeout: { read: 5 } })),
  },
  {
    pkg: 'agent',
    what: 'tail header with LF',
    argument: 'options.headers.X-Trace',
    call: ({ clients }) =>
      first(clients.agent.websocketTailJobLogs('job-1', { headers: { 'X-Trace': 'a\nb' } })),
  },
  {
    pkg: 'ray',
    what: 'submit without an entrypoint',
    argument: 'request.entrypoint',
    call: ({ clients }) => clients.ray.submitJob(wrong({})),
  },
  // files
  {
    pkg: 'data',
    what: 'missing file',
    argument: 'file',
    call: ({ clients }) => clients.data.createDataFile('/definitely/not/here.bin'),
  },
  {
    pkg: 'data',
    what: 'directory given as a file',
    argument: 'file',
    call: ({ clients, folder }) => clients.data.createDataFile(folder),
  },
  {
    pkg: 'data',
    what: 'empty file path',
    argument: 'file',
    call: ({ clients }) => clients.data.createDataFile(''),
  },
  {
    pkg: 'core',
    what: 'chunked upload of a directory',
    argument: 'file',
    call: ({ clients, folder }) => clients.core.createChunkedUpload(folder),
  },
  {
    pkg: 'core',
    what: 'chunked upload of a number',
    argument: 'file',
    call: ({ clients }) => clients.core.createChunkedUpload(wrong(12)),
  },
  {
    pkg: 'core',
    what: 'zero chunk size',
    argument: 'chunkSize',
    call: ({ clients }) => clients.core.createChunkedUpload(new Uint8Array(4), { chunkSize: 0 }),
  },
  {
    pkg: 'core',
    what: 'relative resume URL',
    argument: 'resumeUrl',
    call: ({ clients }) => clients.core.createChunkedUpload(new Uint8Array(4), { resumeUrl: '../x' }),
  },
  // per-call options
  {
    pkg: 'annotation',
    what: 'signal not an AbortSignal',
    argument: 'options.signal',
    call: ({ clients }) => clients.annotation.getProject(1, wrong({ signal: 'stop' })),
  },
  {
    pkg: 'hitl',
    what: 'options a number',
    argument: 'options',
    call: ({ clients }) => clients.hitl.listAssignments({ project: 1 }, wrong(5)),
  },
];
