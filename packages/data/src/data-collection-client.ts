import {
  assertCallOptions,
  type CallOptions,
  CoreClient,
  checkFile,
  type FileInput,
  type FirstPageOnly,
  type ListOptions,
  type ListResult,
  multipartForm,
  type Page,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
  ValidationError,
} from '@synapse/core/internal';
import * as v from 'valibot';
import {
  CHUNKED_UPLOAD_THRESHOLD,
  type CreateDataFileOptions,
  type UploadDataCollectionOptions,
  type UploadDataFileOptions,
} from './options.js';
import {
  ChecksumsSchema,
  type CreateDataUnit,
  CreateDataUnitsSchema,
  type CreatedTask,
  CreatedTaskSchema,
  type DataCollection,
  DataCollectionSchema,
  type DataFile,
  DataFileSchema,
  type DataUnit,
  DataUnitSchema,
  IdSchema,
  type UploadedRecord,
  type UploadRecord,
  UploadRecordSchema,
  type VerifyChecksumsResult,
  VerifyChecksumsResultSchema,
} from './schemas.js';
import { type UploadCollectionResult, uploadCollection } from './upload-collection.js';

function assertOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options must be an object', { argument: 'options' });
  }
}

/** Data collections, data files and data units (Python `DataCollectionClientMixin`). */
export class DataCollectionClient extends CoreClient {
  /** `GET data_collections/` — one page. */
  async listDataCollection(options?: CallOptions): Promise<Page<DataCollection>> {
    // Always one page, as in Python: `listAll` and `urlConversion` are not options of this method.
    if (options !== undefined) assertCallOptions(options);
    return this.list<DataCollection, CallOptions>('data_collections/', undefined, options, {
      itemSchema: DataCollectionSchema,
    });
  }

  /** `GET data_collections/{id}/?expand=file_specifications` */
  async getDataCollection(id: PathParam, options?: CallOptions): Promise<DataCollection> {
    const url = `${path('data_collections/{id}/', { id })}?expand=file_specifications`;
    return this.request('GET', url, options, { schema: DataCollectionSchema });
  }

  /**
   * `POST data_files/`: one multipart request with the file as part `file`, or a chunked upload followed by
   * `POST data_files/` with `{ chunked_upload, meta: { filename } }`. See `useChunkedUpload` for the default.
   */
  async createDataFile(file: FileInput, options: CreateDataFileOptions = {}): Promise<DataFile> {
    assertOptions(options);
    const { useChunkedUpload, chunkSize, onProgress, onUploadUrl, resumeUrl, ...call } = options;
    if (useChunkedUpload !== undefined && typeof useChunkedUpload !== 'boolean') {
      throw new ValidationError('useChunkedUpload must be a boolean', { argument: 'useChunkedUpload' });
    }
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new ValidationError('onProgress must be a function', { argument: 'onProgress' });
    }
    // Checked once: the form below takes the check, and a caller's checked file is not checked again.
    const info = await checkFile(file, { argument: 'file' });
    const chunked = useChunkedUpload ?? (info.size ?? 0) > CHUNKED_UPLOAD_THRESHOLD;
    if (!chunked) {
      if (info.size !== undefined) onProgress?.({ loaded: 0, total: info.size });
      const created = await this.request('POST', 'data_files/', call, {
        form: await multipartForm(undefined, { file: info }),
        schema: DataFileSchema,
      });
      if (info.size !== undefined) onProgress?.({ loaded: info.size, total: info.size });
      return created;
    }
    const { signal, timeout, headers, maxRetries } = call;
    const upload = await this.createChunkedUpload(file, {
      chunkSize,
      onProgress,
      onUploadUrl,
      resumeUrl,
      signal,
      timeout,
      headers,
      maxRetries,
      filename: info.filename,
    });
    return this.request('POST', 'data_files/', call, {
      data: { chunked_upload: upload.id, meta: { filename: info.filename } },
      schema: DataFileSchema,
    });
  }

  /** `GET data_units/{id}/` with optional query params. */
  async getDataUnit(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<DataUnit> {
    return this.request('GET', path('data_units/{id}/', { id }), options, { params, schema: DataUnitSchema });
  }

  /** `POST data_units/` — one data unit, or a list for a bulk create. */
  async createDataUnits<D extends CreateDataUnit | CreateDataUnit[]>(
    data: D,
    options?: CallOptions,
  ): Promise<D extends unknown[] ? DataUnit[] : DataUnit> {
    const body = parseInput(CreateDataUnitsSchema, data, 'data');
    const schema: v.GenericSchema<unknown, DataUnit | DataUnit[]> = Array.isArray(body)
      ? v.array(DataUnitSchema)
      : DataUnitSchema;
    return this.request('POST', 'data_units/', options, { data: body, schema }) as Promise<
      D extends unknown[] ? DataUnit[] : DataUnit
    >;
  }

  /**
   * `GET data_units/` — one page, or every data unit with `{ listAll: true }`. With `urlConversion`, the URLs in
   * each unit's `files` are downloaded and replaced by local paths.
   */
  async listDataUnits<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<DataUnit, O>> {
    return this.list<DataUnit, O>('data_units/', params, options, {
      filesFields: ['files'],
      itemSchema: DataUnitSchema,
    });
  }

  /** `POST data_files/verify_checksums/` with `{ checksums }`: which of them the server already holds. */
  async dataFilesVerifyChecksums(checksums: string[], options?: CallOptions): Promise<VerifyChecksumsResult> {
    return this.request('POST', 'data_files/verify_checksums/', options, {
      data: { checksums: parseInput(ChecksumsSchema, checksums, 'checksums') },
      schema: VerifyChecksumsResultSchema,
    });
  }

  /**
   * Uploads every file of a record (`createDataFile` each) and returns a new record for `createDataUnits`: the
   * same fields plus `data_collection`, each file replaced by `{ checksum, path }`. The caller's object is left
   * as it was.
   */
  async uploadDataFile(
    data: UploadRecord,
    dataCollectionId: number,
    options: UploadDataFileOptions = {},
  ): Promise<UploadedRecord> {
    parseInput(UploadRecordSchema, data, 'data');
    const collection = parseInput(IdSchema, dataCollectionId, 'dataCollectionId');
    assertOptions(options);
    const { onProgress, ...rest } = options;
    // Every file is checked first, so a bad one fails before anything is sent.
    const checked = await Promise.all(
      Object.entries(data.files).map(async ([name, file]) => ({
        name,
        info: await checkFile(file, { argument: `data.files.${name}` }),
      })),
    );
    const files: UploadedRecord['files'] = {};
    for (const { name, info } of checked) {
      const created = await this.createDataFile(info, {
        ...rest,
        onProgress: onProgress && ((progress) => onProgress({ ...progress, name })),
      });
      files[name] = { checksum: created.checksum, path: info.path ?? info.filename };
    }
    return { ...data, data_collection: collection, files };
  }

  /**
   * Uploads a whole collection: the files of each record (at most `concurrency` records at once), the data units
   * in batches of `batchSize` (`POST data_units/`), then — with a `projectId` — one task per data unit
   * (`POST tasks/`), as a pipeline over the records given: an array, or any iterable or async iterable (a
   * directory walk), of which at most `window` records are held at once. Every record is reported as created,
   * failed (with the stage and the error) or skipped; one failure never stops the others. With `journal`, a run
   * killed at any moment and started again skips what finished and creates each other record once; with `shard`,
   * it takes a stable share of the records. Aborting (`signal`) stops it with an `AbortError`, the journal
   * consistent for a resume.
   */
  async uploadDataCollection(
    dataCollectionId: number,
    dataCollection: Iterable<UploadRecord> | AsyncIterable<UploadRecord>,
    projectId?: number,
    options: UploadDataCollectionOptions = {},
  ): Promise<UploadCollectionResult> {
    return uploadCollection(
      {
        uploadDataFile: (record, collection, fileOptions) =>
          this.uploadDataFile(record, collection, fileOptions),
        createDataUnits: (records, call) => this.createDataUnits(records, call),
        createTasks: (tasks, call) =>
          this.request('POST', 'tasks/', call, { data: tasks, schema: v.array(CreatedTaskSchema) }),
        // A resumed run reads these page by page, 1000 a page.
        listDataUnits: (collection, call) =>
          this.listDataUnits({ data_collection: collection, page_size: 1000 }, { ...call, listAll: true }),
        listTasks: (project, call) =>
          this.list<CreatedTask, CallOptions & { listAll: true }>(
            'tasks/',
            { project, page_size: 1000 },
            { ...call, listAll: true },
            { itemSchema: CreatedTaskSchema },
          ),
      },
      { dataCollectionId, dataCollection, projectId, options },
    );
  }
}
