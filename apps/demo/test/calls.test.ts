import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AgentClient, BackendClient, RayClient } from '@synapse/sdk';
import { describe, expect, it } from 'vitest';

const WORKFLOWS_DIR = fileURLToPath(new URL('../src/workflows/', import.meta.url));

const CLIENTS: Record<string, object> = {
  backend: new BackendClient({ baseUrl: 'http://127.0.0.1:1', apiToken: 'unused' }),
  agent: new AgentClient({ baseUrl: 'http://127.0.0.1:1', agentToken: 'unused' }),
  ray: new RayClient({ baseUrl: 'http://127.0.0.1:1' }),
};

interface DeclaredStep {
  file: string;
  name: string;
  client: string;
  method: string;
  call: string;
  /** The step's code: from its call text to the next step (or the end of the file). */
  body: string;
}

/** Every `step('name', 'client.method(…)', () => …)` in the workflow sources. */
function declaredSteps(): { steps: DeclaredStep[]; stepCount: number } {
  const steps: DeclaredStep[] = [];
  let stepCount = 0;
  for (const file of readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(`${WORKFLOWS_DIR}${file}`, 'utf8');
    stepCount += source.match(/\bstep\(/g)?.length ?? 0;
    const declarations = [...source.matchAll(/\bstep\(\s*(['"])(.+?)\1,\s*(['"])((\w+)\.(\w+)\(.*?\))\3,/gs)];
    for (const [index, match] of declarations.entries()) {
      const end = declarations[index + 1]?.index ?? source.length;
      steps.push({
        file,
        name: match[2] as string,
        call: match[4] as string,
        client: match[5] as string,
        method: match[6] as string,
        body: source.slice((match.index ?? 0) + match[0].length, end),
      });
    }
  }
  return { steps, stepCount };
}

describe('the SDK call each step declares', () => {
  const { steps, stepCount } = declaredSteps();

  it('is declared by every step of every workflow', () => {
    expect(stepCount).toBeGreaterThan(30);
    expect(steps).toHaveLength(stepCount);
  });

  it('names a method the client has', () => {
    for (const { client, method, file } of steps) {
      const instance = CLIENTS[client];
      expect(instance, `${file}: unknown client ${client}`).toBeDefined();
      expect(typeof Reflect.get(instance as object, method), `${file}: ${client}.${method}`).toBe('function');
    }
  });

  it('is the call the step makes', () => {
    for (const { client, method, body, file, name } of steps) {
      expect(body, `${file}: step "${name}" declares ${client}.${method}`).toContain(`${client}.${method}(`);
    }
  });

  it('fits on one short line', () => {
    for (const { call } of steps) {
      expect(call).not.toContain('\n');
      expect(call.length, call).toBeLessThanOrEqual(90);
    }
  });
});
