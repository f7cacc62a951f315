import { AgentClient } from '@synapse/agent';
import { AnnotationClient } from '@synapse/annotation';
import { CoreClient } from '@synapse/core';
import { DataCollectionClient } from '@synapse/data';
import { IntegrationClient } from '@synapse/integration';
import { MLClient } from '@synapse/ml';
import { RayClient } from '@synapse/ray';
import { BASE_URL, type BadInputCase, TOKEN } from './bad-input-cases.js';

const wrong = <T>(value: unknown) => value as T;

function circular(): Record<string, unknown> {
  const data: Record<string, unknown> = { name: 'loop' };
  data.again = { data };
  return data;
}

function nested(levels: number): Record<string, unknown> {
  let data: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) data = { inner: data };
  return data;
}

/** Characters that would split a request (CR, LF, NUL) or cannot be sent in a header, and malformed settings. */
export const EDGE_CASES: BadInputCase[] = [
  {
    pkg: 'core',
    what: 'token with CR LF (header injection)',
    argument: 'apiToken',
    call: () => new CoreClient({ baseUrl: BASE_URL, apiToken: `${TOKEN}\r\nX-Admin: 1` }),
  },
  {
    pkg: 'annotation',
    what: 'tenant with NUL',
    argument: 'tenant',
    call: () => new AnnotationClient({ baseUrl: BASE_URL, apiToken: TOKEN, tenant: 'acme\u0000' }),
  },
  {
    pkg: 'agent',
    what: 'agent token beyond Latin-1',
    argument: 'agentToken',
    call: () => new AgentClient({ baseUrl: 'https://agent.synapse.test', agentToken: 'tökén-€' }),
  },
  {
    pkg: 'agent',
    what: 'user token with LF',
    argument: 'userToken',
    call: () =>
      new AgentClient({ baseUrl: 'https://agent.synapse.test', agentToken: TOKEN, userToken: 'u\n1' }),
  },
  {
    pkg: 'ray',
    what: 'header value with LF',
    argument: 'headers.Authorization',
    call: () =>
      new RayClient({ baseUrl: 'https://ray.synapse.test', headers: { Authorization: 'Bearer a\nb' } }),
  },
  {
    pkg: 'hitl',
    what: 'per-call header with CR',
    argument: 'options.headers.X-Trace',
    call: ({ clients }) => clients.hitl.getAssignment(1, { headers: { 'X-Trace': 'a\rb' } }),
  },
  {
    pkg: 'data',
    what: 'baseUrl with a query',
    argument: 'baseUrl',
    call: () => new DataCollectionClient({ baseUrl: `${BASE_URL}/?tenant=acme` }),
  },
  {
    pkg: 'integration',
    what: 'baseUrl with a fragment',
    argument: 'baseUrl',
    call: () => new IntegrationClient({ baseUrl: `${BASE_URL}/#v2` }),
  },
  {
    pkg: 'ml',
    what: 'baseUrl with surrounding spaces',
    argument: 'baseUrl',
    call: () => new MLClient({ baseUrl: ` ${BASE_URL} ` }),
  },
  {
    pkg: 'annotation',
    what: 'circular data',
    argument: 'data',
    call: ({ clients }) => clients.annotation.annotateTaskData(1, circular()),
  },
  {
    pkg: 'annotation',
    what: 'data nested 5000 levels deep',
    argument: 'data',
    call: ({ clients }) => clients.annotation.setTagsTasks(nested(5000)),
  },
  {
    pkg: 'core',
    what: 'timeout as a number',
    argument: 'timeout',
    call: () => new CoreClient({ baseUrl: BASE_URL, timeout: wrong(1) }),
  },
  {
    pkg: 'core',
    what: 'timeout as a string',
    argument: 'timeout',
    call: () => new CoreClient({ baseUrl: BASE_URL, timeout: wrong('1') }),
  },
  {
    pkg: 'core',
    what: 'timeout with a misspelt key',
    argument: 'timeout.conect',
    call: () => new CoreClient({ baseUrl: BASE_URL, timeout: wrong({ conect: 5 }) }),
  },
  {
    pkg: 'ml',
    what: 'per-call timeout that is infinite',
    argument: 'options.timeout.read',
    call: ({ clients }) => clients.ml.getModel(1, undefined, { timeout: { read: Number.POSITIVE_INFINITY } }),
  },
];
