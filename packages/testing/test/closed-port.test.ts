import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../src/index.js';

describe('closedPort', () => {
  it('gives a loopback port that refuses connections', async () => {
    const port = await closedPort();
    expect(Number.isInteger(port)).toBe(true);
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
    const [error] = await once(connect(port, '127.0.0.1'), 'error');
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
