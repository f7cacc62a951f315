import { AnnotationClient } from '@synapse/annotation';
import { CoreClient } from '@synapse/core';
import { BaseClient } from '@synapse/core/internal';
import { DataCollectionClient } from '@synapse/data';
import { HITLClient } from '@synapse/hitl';
import { IntegrationClient } from '@synapse/integration';
import { MLClient } from '@synapse/ml';
import { describe, expect, it } from 'vitest';
import { BACKEND_DOMAINS } from '../src/backend-client.js';
import { type MethodSource, ownMethodNames } from '../src/compose.js';

const COMPOSED: MethodSource[] = [
  CoreClient,
  AnnotationClient,
  DataCollectionClient,
  IntegrationClient,
  MLClient,
  HITLClient,
];

describe('method names across the backend domain packages', () => {
  it('composes exactly the five domain clients', () => {
    expect(BACKEND_DOMAINS.map((domain) => domain.name).sort()).toEqual(
      ['AnnotationClient', 'DataCollectionClient', 'HITLClient', 'IntegrationClient', 'MLClient'].sort(),
    );
  });

  it('each domain defines methods of its own', () => {
    for (const source of COMPOSED) expect(ownMethodNames(source).length, source.name).toBeGreaterThan(0);
  });

  it('no two domains (core included) define the same method name', () => {
    const clashes: string[] = [];
    for (const [i, a] of COMPOSED.entries()) {
      for (const b of COMPOSED.slice(i + 1)) {
        const names = new Set(ownMethodNames(b));
        for (const name of ownMethodNames(a))
          if (names.has(name)) clashes.push(`${a.name}/${b.name}: ${name}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('no domain redefines a BaseClient member', () => {
    const base = new Set(ownMethodNames(BaseClient));
    const clashes = COMPOSED.flatMap((source) =>
      ownMethodNames(source)
        .filter((name) => base.has(name))
        .map((name) => `${source.name}.${name}`),
    );
    expect(clashes).toEqual([]);
  });
});
