import { BaseClient } from '../base-client.js';
import { isSynapseError } from '../errors.js';
import type { FileInput } from '../files.js';
import type { ChunkedUploadOptions, ChunkedUploadResult } from './options.js';
import { runChunkedUpload } from './upload.js';

/** The backend's core endpoints (Python backend `CoreClientMixin`): the chunked upload. */
export class CoreClient extends BaseClient {
  /**
   * Uploads a file in chunks (50 MiB by default), resumably, and returns the completing reply; its `id` is what
   * `createDataFile` and `createModel` send. `file` is a path, a Blob/File, bytes, or a stream with `size`.
   * The file is read once, front to back; only a stream input has a chunk held in memory (to send it again).
   *
   * Every run ends: failed chunks are retried up to `maxRetries` times, a server whose offset stops advancing
   * fails the upload after 3 replies (`ClientError` 500 `Upload stalled`), a lost completing reply is settled by
   * the upload's state, and a local input problem (a stream longer or shorter than `size`, a file that shrinks)
   * is a `ValidationError` at once. A lost reply to the first chunk leaves that first upload behind on the server
   * until it expires (see `onUploadUrl`).
   */
  createChunkedUpload(file: FileInput, options: ChunkedUploadOptions = {}): Promise<ChunkedUploadResult> {
    const { maxRetries, retry, origins } = this.config;
    return runChunkedUpload(
      (method, path, call, internal) => this.request(method, path, call, internal),
      { maxRetries, retry, origins, newUploadUrl: this.url('chunked_upload/') },
      file,
      options,
    ).catch((error: unknown) => {
      // The caller's own errors (a throwing onProgress, say) pass unchanged; the SDK's are cleaned.
      throw isSynapseError(error) ? this.redactor.error(error) : error;
    });
  }
}
