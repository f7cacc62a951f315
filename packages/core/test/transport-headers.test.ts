import { describe, expect, it } from 'vitest';
import { RecordHeaders } from '../src/transport.js';

describe('RecordHeaders (the headers object ofetch builds for fetch)', () => {
  it('is a plain record of the fields, so fetch reads it as one', () => {
    const headers = new RecordHeaders({ 'Synapse-Access-Token': 'Token t', Accept: 'text/plain' });
    expect(Object.keys(headers)).toEqual(['Synapse-Access-Token', 'Accept']);
    expect({ ...headers }).toEqual({ 'Synapse-Access-Token': 'Token t', Accept: 'text/plain' });
    expect(Object.fromEntries(new Headers(headers as unknown as Record<string, string>))).toEqual({
      'synapse-access-token': 'Token t',
      accept: 'text/plain',
    });
  });

  it('gets, tests and sets fields without regard to case, as Headers does', () => {
    const headers = new RecordHeaders({ 'Content-Type': 'application/json' });
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.has('CONTENT-TYPE')).toBe(true);
    expect(headers.get('accept')).toBeNull();
    expect(headers.has('accept')).toBe(false);
    headers.set('content-type', 'text/plain');
    headers.set('accept', 'application/json');
    expect({ ...headers }).toEqual({ 'content-type': 'text/plain', accept: 'application/json' });
  });

  it('starts empty without fields', () => {
    expect(Object.keys(new RecordHeaders())).toEqual([]);
  });
});
