import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('built entry points', () => {
  it('the ESM build exports the client and errors', async () => {
    const esm = await import(`${dist}index.js`);
    expect(typeof esm.BaseClient).toBe('function');
    expect(typeof esm.CoreClient.prototype.createChunkedUpload).toBe('function');
    expect(new esm.NotFoundError(404, 'x')).toBeInstanceOf(esm.ClientError);
  });

  it('the CJS build exports the same names', async () => {
    const cjs = createRequire(import.meta.url)(`${dist}index.cjs`);
    const esm = await import(`${dist}index.js`);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(cjs.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
    // An error from one build is recognised by the other: the brand is shared.
    expect(esm.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
  });
});
