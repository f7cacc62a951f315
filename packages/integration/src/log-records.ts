import { type FileInput, JsonObjectSchema, parseInput } from '@synapse/core/internal';
import * as v from 'valibot';
import { fileToDataUri } from './data-uri.js';
import type { LogRecord } from './schemas.js';

const LogRecordsSchema = v.union([JsonObjectSchema, v.array(JsonObjectSchema)]);

/**
 * The body of `logs/`: always a list (one record is wrapped), and each record's `file` replaced by a base64 data
 * URI of the file. The caller's records are copied, never changed.
 */
export async function logRecordsBody(data: LogRecord | LogRecord[]): Promise<Record<string, unknown>[]> {
  const parsed = parseInput(LogRecordsSchema, data, 'data');
  const single = !Array.isArray(parsed);
  const records = single ? [parsed] : parsed;
  return Promise.all(
    records.map(async (record, index) => {
      if (!('file' in record)) return { ...record };
      const argument = single ? 'data.file' : `data.${index}.file`;
      return { ...record, file: await fileToDataUri(record.file as FileInput, argument) };
    }),
  );
}
