import {
  type FileInput,
  JsonObjectSchema,
  type MultipartBody,
  multipartForm,
  parseInput,
  ValidationError,
} from '@synapse/core/internal';
import type { CreatePluginRelease } from './schemas.js';

/**
 * The multipart form of `plugin_releases/`: the archive under `file`, every other key as a form field.
 * Splits a release into form fields and its file without touching the caller's object (Python pops `file` off
 * it). The file is checked (and a path stat-ed) here, so bad input fails before anything is sent.
 */
export async function pluginReleaseForm(data: CreatePluginRelease): Promise<MultipartBody> {
  const { file, ...fields } = parseInput(JsonObjectSchema, data, 'data');
  if (file === undefined || file === null) {
    throw new ValidationError('data.file is required: the release archive (path, Blob, bytes or stream)', {
      argument: 'data.file',
    });
  }
  return multipartForm(fields, { file: file as FileInput }, 'data');
}
