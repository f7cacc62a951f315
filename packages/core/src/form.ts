import { jsonText } from './body.js';
import { ValidationError } from './errors.js';
import { type FileInput, openFile } from './files.js';
import { filePart, MultipartBody, type MultipartEntry } from './multipart.js';

function formValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'object') return jsonText(value);
  return String(value);
}

/**
 * Python `_request` step 6 with `files`: a multipart form of the fields (dict values JSON-encoded, list values
 * repeated, `None` left out) followed by the file parts. Each file is checked (a path stat-ed) here, so bad input
 * fails before anything is sent; errors name a file after its field, under `argument` when given (`data.file`).
 * Send it with `request(…, { form })`.
 */
export async function multipartForm(
  fields: unknown,
  files: Record<string, FileInput>,
  argument?: string,
): Promise<MultipartBody> {
  if (fields !== undefined && (typeof fields !== 'object' || Array.isArray(fields))) {
    throw new ValidationError('form fields sent with files must be an object', { argument: 'data' });
  }
  const entries: MultipartEntry[] = [];
  for (const [key, value] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push([key, formValue(item)]);
  }
  for (const [field, input] of Object.entries(files)) {
    const file = await openFile(input, {
      argument: argument ? `${argument}.${field}` : field,
      fallbackName: field,
    });
    entries.push([field, filePart(file)]);
  }
  return new MultipartBody(entries);
}
