import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { CollectionProgress, DataCollectionClient, Page } from '../src/index.js';
import type {
  CreateDataUnit,
  CreateDataUnitFile,
  CreateDataUnitFileSchema,
  CreateDataUnitSchema,
  CreatedTask,
  CreatedTaskSchema,
  DataCollection,
  DataCollectionSchema,
  DataFile,
  DataFileSchema,
  DataUnit,
  DataUnitSchema,
  FileSpecification,
  FileSpecificationSchema,
  UploadedRecord,
  UploadRecord,
  UploadRecordSchema,
  VerifyChecksumsResult,
  VerifyChecksumsResultSchema,
} from '../src/schemas.js';

/** The shape a schema gives (what a reply is checked to be, or what an input is checked to be). */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model is a named interface beside its schema: the same shape means the schema checks every field the
// interface names, and the interface names every field the schema checks (unknown keys kept by both).
describe('data models match their schemas', () => {
  it('replies: collections, file specifications, data files, data units, verify results, created tasks', () => {
    expectTypeOf<Checked<typeof DataCollectionSchema>>().toEqualTypeOf<ModelShape<DataCollection>>();
    expectTypeOf<Checked<typeof FileSpecificationSchema>>().toEqualTypeOf<ModelShape<FileSpecification>>();
    expectTypeOf<Checked<typeof DataFileSchema>>().toEqualTypeOf<ModelShape<DataFile>>();
    expectTypeOf<Checked<typeof DataUnitSchema>>().toEqualTypeOf<ModelShape<DataUnit>>();
    expectTypeOf<Checked<typeof VerifyChecksumsResultSchema>>().toEqualTypeOf<
      ModelShape<VerifyChecksumsResult>
    >();
    expectTypeOf<Checked<typeof CreatedTaskSchema>>().toEqualTypeOf<ModelShape<CreatedTask>>();
  });

  it('inputs: data units to create (and their files), records to upload', () => {
    expectTypeOf<Checked<typeof CreateDataUnitSchema>>().toEqualTypeOf<ModelShape<CreateDataUnit>>();
    expectTypeOf<Checked<typeof CreateDataUnitFileSchema>>().toEqualTypeOf<ModelShape<CreateDataUnitFile>>();
    expectTypeOf<Checked<typeof UploadRecordSchema>>().toEqualTypeOf<ModelShape<UploadRecord>>();
  });

  it('an uploaded record is a data unit to create', () => {
    expectTypeOf<UploadedRecord>().toExtend<CreateDataUnit>();
  });
});

describe('DataCollectionClient resolves to what its replies are checked to be', () => {
  const client = {} as DataCollectionClient;

  it('models by name; a bulk create to a list', () => {
    expectTypeOf(client.listDataCollection()).resolves.toEqualTypeOf<Page<DataCollection>>();
    expectTypeOf(client.createDataFile(new Uint8Array())).resolves.toEqualTypeOf<DataFile>();
    expectTypeOf(client.createDataUnits({ data_collection: 1 })).resolves.toEqualTypeOf<DataUnit>();
    expectTypeOf(client.createDataUnits([{ data_collection: 1 }])).resolves.toEqualTypeOf<DataUnit[]>();
    expectTypeOf(client.dataFilesVerifyChecksums(['a'])).resolves.toEqualTypeOf<VerifyChecksumsResult>();
    expectTypeOf(client.uploadDataFile({ files: {} }, 1)).resolves.toEqualTypeOf<UploadedRecord>();
    expectTypeOf(client.uploadDataCollection(1, [])).resolves.toHaveProperty('items');
    type Item = Awaited<ReturnType<DataCollectionClient['uploadDataCollection']>>['items'][number];
    expectTypeOf<Item['task']>().toEqualTypeOf<CreatedTask | undefined>();
    expectTypeOf<Item['dataUnit']>().toEqualTypeOf<DataUnit | undefined>();
    expectTypeOf<Item['status']>().toEqualTypeOf<'created' | 'failed' | 'skipped'>();
    expectTypeOf<Item['key']>().toEqualTypeOf<string>();
  });

  it('bulk uploads take arrays, iterables and async iterables, and report progress without phases', () => {
    async function* walk(): AsyncGenerator<UploadRecord> {}
    function* listed(): Generator<UploadRecord> {}
    expectTypeOf(client.uploadDataCollection).toBeCallableWith(1, walk(), 2, { journal: 'j', window: 10 });
    expectTypeOf(client.uploadDataCollection).toBeCallableWith(1, listed(), undefined, {
      shard: { index: 0, count: 2 },
      key: (record: UploadRecord) => String(record.meta?.id),
    });
    expectTypeOf(client.uploadDataCollection(1, new Set<UploadRecord>())).resolves.toHaveProperty('skipped');
    expectTypeOf<CollectionProgress>().toEqualTypeOf<{
      done: number;
      failed: number;
      skipped: number;
      bytes: number;
      rate: number;
      total?: number;
    }>();
  });
});
