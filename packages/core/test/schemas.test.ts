import { describe, expect, it } from 'vitest';
import {
  JobStatusSchema,
  JsonObjectSchema,
  parseInput,
  StorageCategorySchema,
  StorageProviderSchema,
  UpdateJobSchema,
  ValidationError,
} from '../src/internal.js';

const rejects = (schema: Parameters<typeof parseInput>[0], value: unknown) => () =>
  parseInput(schema, value, 'data');

describe('core schemas', () => {
  it('job statuses are the five the backend knows', () => {
    for (const status of ['pending', 'running', 'stopped', 'succeeded', 'failed']) {
      expect(parseInput(JobStatusSchema, status, 'status')).toBe(status);
    }
    expect(rejects(JobStatusSchema, 'done')).toThrow(ValidationError);
    expect(rejects(JobStatusSchema, '')).toThrow(ValidationError);
  });

  it('storage categories and providers are those of the Python model', () => {
    for (const category of ['internal', 'external'])
      expect(parseInput(StorageCategorySchema, category, 'c')).toBe(category);
    const providers = ['amazon_s3', 'azure', 'digital_ocean', 'file_system', 'ftp', 'sftp', 'minio', 'gcp'];
    for (const provider of providers) expect(parseInput(StorageProviderSchema, provider, 'p')).toBe(provider);
    expect(rejects(StorageProviderSchema, 'dropbox')).toThrow(ValidationError);
    expect(rejects(StorageCategorySchema, '')).toThrow(ValidationError);
  });

  it('a JSON object is an object: not null, not an array, not a string', () => {
    expect(parseInput(JsonObjectSchema, { a: 1 }, 'data')).toEqual({ a: 1 });
    for (const value of [null, [1], 'x', 1, undefined]) {
      let error: unknown;
      try {
        parseInput(JsonObjectSchema, value, 'data');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ argument: 'data', message: 'Invalid data: Expected a JSON object' });
    }
  });

  it('UpdateJob keeps false and 0-like values; only null and undefined are left out', () => {
    expect(parseInput(UpdateJobSchema, { status: 'stopped', result: {}, console_logs: [] }, 'data')).toEqual({
      status: 'stopped',
      result: {},
      console_logs: [],
    });
    const body = parseInput(UpdateJobSchema, { status: undefined, metrics_record: { loss: 0 } }, 'data');
    expect(body).toStrictEqual({ metrics_record: { loss: 0 } });
    expect(Object.keys(body)).toEqual(['metrics_record']);
  });
});
