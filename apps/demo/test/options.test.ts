import { describe, expect, it } from 'vitest';
import { HELP, readOptions, UsageError } from '../src/options.js';

describe('readOptions', () => {
  it('reads the output mode', () => {
    expect(readOptions([])).toEqual({ help: false, mode: 'text' });
    expect(readOptions(['--quiet'])).toEqual({ help: false, mode: 'quiet' });
    expect(readOptions(['-q'])).toEqual({ help: false, mode: 'quiet' });
    expect(readOptions(['--json'])).toEqual({ help: false, mode: 'json' });
    expect(readOptions(['--help'])).toEqual({ help: true, mode: 'text' });
  });

  it('takes the flags after the -- that pnpm passes on', () => {
    expect(readOptions(['--', '--json'])).toEqual({ help: false, mode: 'json' });
  });

  it('refuses unknown flags, arguments and --quiet with --json', () => {
    expect(() => readOptions(['--jsn'])).toThrow(UsageError);
    expect(() => readOptions(['data'])).toThrow(UsageError);
    expect(() => readOptions(['--quiet', '--json'])).toThrow('--quiet and --json cannot be used together');
  });

  it('documents every flag in --help', () => {
    for (const flag of ['--quiet', '-q', '--json', '--help', '-h']) expect(HELP).toContain(flag);
  });
});
