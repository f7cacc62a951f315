import * as agent from '@synapse/agent';
import * as annotation from '@synapse/annotation';
import * as core from '@synapse/core';
import * as data from '@synapse/data';
import * as hitl from '@synapse/hitl';
import * as integration from '@synapse/integration';
import * as ml from '@synapse/ml';
import * as ray from '@synapse/ray';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as sdk from '../src/index.js';

const PACKAGES: Record<string, Record<string, unknown>> = {
  '@synapse/core': core,
  '@synapse/annotation': annotation,
  '@synapse/data': data,
  '@synapse/hitl': hitl,
  '@synapse/integration': integration,
  '@synapse/ml': ml,
  '@synapse/agent': agent,
  '@synapse/ray': ray,
};

/** Values two packages define differently, and the name each has in the umbrella (none today: only types). */
const RENAMED: Record<string, Record<string, string>> = {};

describe('@synapse/sdk exports', () => {
  it('re-exports every value of every package but valibot schemas, the same object', () => {
    const missing: string[] = [];
    for (const [pkg, module] of Object.entries(PACKAGES)) {
      for (const [name, value] of Object.entries(module)) {
        // Schemas are internal; core's public entry still has the few the domain schemas.ts files import.
        if (name.endsWith('Schema')) continue;
        const exported = RENAMED[pkg]?.[name] ?? name;
        if ((sdk as Record<string, unknown>)[exported] !== value) missing.push(`${pkg} ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('exports the clients and every error class', () => {
    for (const name of [
      'BackendClient',
      'AgentClient',
      'RayClient',
      'AnnotationClient',
      'DataCollectionClient',
      'HITLClient',
      'IntegrationClient',
      'MLClient',
      'CoreClient',
    ]) {
      expect(typeof (sdk as Record<string, unknown>)[name], name).toBe('function');
    }
    const errors = Object.entries(core).filter(([name]) => /Error$/.test(name));
    expect(errors.length).toBeGreaterThanOrEqual(12);
    for (const [name, value] of errors) expect((sdk as Record<string, unknown>)[name], name).toBe(value);
    expect(new sdk.NotFoundError(404, 'Not Found')).toBeInstanceOf(sdk.ClientError);
  });

  it("names data's task model apart from annotation's task at its definition, and exports no schema", () => {
    expect(Object.keys(sdk)).not.toContain('TaskSchema');
    expect(Object.keys(sdk)).not.toContain('CreatedTaskSchema');
    expect(Object.keys(data)).not.toContain('CreatedTaskSchema');
    expectTypeOf<sdk.Task>().toEqualTypeOf<annotation.Task>();
    expectTypeOf<sdk.CreatedTask>().toEqualTypeOf<data.CreatedTask>();
  });

  it('re-exports under their own names the types each package names for what it is', () => {
    expectTypeOf<sdk.TailJobConsoleLogsOptions>().toEqualTypeOf<integration.TailJobConsoleLogsOptions>();
    expectTypeOf<sdk.AgentTailOptions>().toEqualTypeOf<agent.AgentTailOptions>();
    expectTypeOf<sdk.ServeApplication>().toEqualTypeOf<integration.ServeApplication>();
    expectTypeOf<sdk.RayServeApplication>().toEqualTypeOf<ray.RayServeApplication>();
  });

  it('types each flat method as its domain does', () => {
    expectTypeOf<sdk.BackendClient['listTasks']>().toEqualTypeOf<annotation.AnnotationClient['listTasks']>();
    expectTypeOf<sdk.BackendClient['createDataFile']>().toEqualTypeOf<
      data.DataCollectionClient['createDataFile']
    >();
    expectTypeOf<sdk.BackendClient['createChunkedUpload']>().toEqualTypeOf<
      core.CoreClient['createChunkedUpload']
    >();
    expectTypeOf<sdk.BackendClient['listAssignments']>().toEqualTypeOf<hitl.HITLClient['listAssignments']>();
    expectTypeOf<sdk.BackendClient['tailJobConsoleLogs']>().toEqualTypeOf<
      integration.IntegrationClient['tailJobConsoleLogs']
    >();
    expectTypeOf<sdk.BackendClient['createModel']>().toEqualTypeOf<ml.MLClient['createModel']>();
    expectTypeOf<sdk.BackendClient>().toExtend<annotation.AnnotationClient>();
    const client = new sdk.BackendClient({ baseUrl: 'https://synapse.test', apiToken: 't' });
    // @ts-expect-error a project id is a number or a string, not an object
    const wrongArgument = () => client.getProject({ id: 1 });
    expect(wrongArgument).toBeTypeOf('function');
  });
});
