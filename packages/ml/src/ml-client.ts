import {
  assertCallOptions,
  type CallOptions,
  type ChunkedUploadOptions,
  CoreClient,
  type FirstPageOnly,
  inspectFile,
  type ListOptions,
  type ListResult,
  type Page,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
  type UrlConversion,
  ValidationError,
} from '@synapse/core/internal';
import {
  type CreateModel,
  CreateModelSchema,
  type GroundTruthEvent,
  GroundTruthEventSchema,
  type GroundTruthVersion,
  GroundTruthVersionSchema,
  type Model,
  ModelSchema,
} from './schemas.js';

/** Options of `getModel`. */
export interface GetModelOptions extends CallOptions {
  /** Download the model's `file` URL and put the local path in its place (defaults: `filesFields: ['file']`). */
  urlConversion?: UrlConversion;
}

/** Options of `createModel`: the call's, plus those of the chunked upload of the file. */
export interface CreateModelOptions
  extends CallOptions,
    Pick<ChunkedUploadOptions, 'chunkSize' | 'onProgress' | 'onUploadUrl' | 'resumeUrl' | 'filename'> {}

/** Models and ground-truth datasets (Python `MLClientMixin`). */
export class MLClient extends CoreClient {
  /** `GET models/` — one page. */
  async listModels(params?: QueryParams, options?: CallOptions): Promise<Page<Model>> {
    // Always one page, as in Python: `listAll` and `urlConversion` are not options of this method.
    if (options !== undefined) assertCallOptions(options);
    return this.list<Model, CallOptions>('models/', params, options, { itemSchema: ModelSchema });
  }

  /** `GET models/{id}/`; with `urlConversion`, the `file` URL is downloaded and replaced by a local path. */
  async getModel(id: PathParam, params?: QueryParams, options: GetModelOptions = {}): Promise<Model> {
    const { urlConversion, ...call } = options;
    const convert = this.urlConverter(urlConversion, { filesFields: ['file'], isList: false });
    const model = await this.request('GET', path('models/{id}/', { id }), call, {
      params,
      schema: ModelSchema,
    });
    return convert(model);
  }

  /**
   * Uploads `data.file` through the chunked upload, then `POST models/` with the other fields and
   * `chunked_upload: <upload id>`. The caller's object is left as it was.
   */
  async createModel(data: CreateModel, options: CreateModelOptions = {}): Promise<Model> {
    parseInput(CreateModelSchema, data, 'data');
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('options must be an object', { argument: 'options' });
    }
    const { file, ...fields } = data;
    // A path must name a regular file: checked before anything is sent.
    await inspectFile(file, { argument: 'data.file' });
    const { chunkSize, onProgress, onUploadUrl, resumeUrl, filename, ...call } = options;
    const upload = await this.createChunkedUpload(file, {
      chunkSize,
      onProgress,
      onUploadUrl,
      resumeUrl,
      filename,
      signal: call.signal,
      timeout: call.timeout,
      headers: call.headers,
      maxRetries: call.maxRetries,
    });
    return this.request('POST', 'models/', call, {
      data: { ...fields, chunked_upload: upload.id },
      schema: ModelSchema,
    });
  }

  /**
   * `GET sdk/ground_truth_events/` — one page, or every event with `{ listAll: true }`. With `urlConversion`,
   * the URLs in each event's `files` are downloaded and replaced by local paths.
   */
  async listGroundTruthEvents<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<GroundTruthEvent, O>> {
    return this.list<GroundTruthEvent, O>('sdk/ground_truth_events/', params, options, {
      filesFields: ['files'],
      itemSchema: GroundTruthEventSchema,
    });
  }

  /** `GET ground_truth_dataset_versions/{id}/` */
  async getGroundTruthVersion(id: PathParam, options?: CallOptions): Promise<GroundTruthVersion> {
    return this.request('GET', path('ground_truth_dataset_versions/{id}/', { id }), options, {
      schema: GroundTruthVersionSchema,
    });
  }
}
