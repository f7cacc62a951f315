import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  NotFoundError,
  ResponseValidationError,
  type ServeDeployConfig,
  ValidationError,
} from '../src/index.js';
import { caught, setup } from './helpers.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient: Serve applications', () => {
  it.each([
    [
      'a name Ray does not know',
      { applications: { a: { name: 'a', status: 'RUNNING', deployments: {} } } },
      'zzz',
    ],
    ['a name inherited by every object', { applications: {} }, 'toString'],
  ])('getServeApplication: %s → NotFoundError naming it', async (_, reply, name) => {
    const { api, client } = setup();
    api.on('GET', '/api/serve/applications/').reply(200, reply);
    const error = await caught(client.getServeApplication(name));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      message: `Ray: Serve Application Not Found: ${name}`,
      reason: 'Serve Application Not Found',
      clientName: 'Ray',
    });
    expect(await api.single()).toMatchObject({ method: 'GET', path: '/api/serve/applications/', search: '' });
  });

  it('an application without deployments gets an empty list', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/serve/applications/')
      .reply(200, { applications: { a: { name: 'a', status: 'RUNNING', deployments: {} } } });
    expect(await client.getServeApplication('a')).toEqual({ name: 'a', status: 'RUNNING', deployments: [] });
  });

  it.each([
    ['no applications', {}, 'applications'],
    [
      'an application without its deployments',
      { applications: { a: { name: 'a', status: 'RUNNING' } } },
      'applications.a.deployments',
    ],
  ])(
    'getServeApplication: a reply with %s is a ResponseValidationError naming it',
    async (_, reply, path) => {
      const { api, client } = setup();
      api.on('GET', '/api/serve/applications/').reply(200, reply);
      const error = await caught(client.getServeApplication('a'));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method: 'GET', url: 'https://ray.test/api/serve/applications/', path });
      expect(await api.single()).toMatchObject({
        method: 'GET',
        path: '/api/serve/applications/',
        search: '',
      });
    },
  );

  it.each([
    ['no applications', {}, 'config.applications'],
    [
      'an application without import_path',
      { applications: [{ name: 'x' }] },
      'config.applications.0.import_path',
    ],
    ['an empty import_path', { applications: [{ import_path: '' }] }, 'config.applications.0.import_path'],
    ['not an object', 'app.yaml', 'config'],
  ])('deployServeApplications refuses %s before sending (argument %s)', async (_, config, argument) => {
    const { api, client } = setup();
    const error = await caught(client.deployServeApplications(config as unknown as ServeDeployConfig));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect(api.requests).toHaveLength(0);
  });
});
