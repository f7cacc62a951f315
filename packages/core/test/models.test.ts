import { describe, expect, it } from 'vitest';
import {
  parseInput,
  parseOutput,
  ResponseValidationError,
  StorageSchema,
  UpdateJobSchema,
  ValidationError,
} from '../src/internal.js';

const storage = {
  id: 1,
  name: 's',
  category: 'internal',
  provider: 'file_system',
  configuration: {},
  is_default: true,
};

describe('request and response models (behaviors 1–4)', () => {
  it('a valid storage passes unchanged, unknown keys kept', () => {
    expect(
      parseOutput(StorageSchema, { ...storage, extra: 1 }, () => ({ method: 'GET', url: 'storages/1/' })),
    ).toEqual({
      ...storage,
      extra: 1,
    });
  });

  it('an unknown provider is one validation error', () => {
    const error = (() => {
      try {
        parseOutput(StorageSchema, { ...storage, provider: 'dropbox' }, () => ({
          method: 'GET',
          url: 'storages/1/',
        }));
      } catch (e) {
        return e as ResponseValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error?.issues).toHaveLength(1);
    expect(error?.issues[0]).toContain('provider');
  });

  it('UpdateJob keeps the status as a plain string and drops null and unknown fields', () => {
    expect(parseInput(UpdateJobSchema, { status: 'running' }, 'data')).toEqual({ status: 'running' });
    expect(
      parseInput(
        UpdateJobSchema,
        { status: 'failed', result: [1], progress_record: null, progress: 5 },
        'data',
      ),
    ).toEqual({ status: 'failed', result: [1] });
  });

  it('an invalid status names the field', () => {
    expect(() => parseInput(UpdateJobSchema, { status: 'done' }, 'data')).toThrow(ValidationError);
    try {
      parseInput(UpdateJobSchema, { status: 'done' }, 'data');
    } catch (e) {
      expect((e as ValidationError).argument).toBe('data.status');
    }
  });
});
