import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  JobStatus,
  JobStatusSchema,
  Storage,
  StorageCategory,
  StorageCategorySchema,
  StorageProvider,
  StorageProviderSchema,
  StorageSchema,
  UpdateJob,
  UpdateJobSchema,
} from '../src/internal.js';
import type { UpdateJobBody } from '../src/models/job.js';

// Each model is a named interface beside its schema: the same shape means the schema checks every field the
// interface names, and the interface names every field the schema checks.
describe('core models match their schemas', () => {
  it('Storage and its enums', () => {
    expectTypeOf<ModelShape<v.InferOutput<typeof StorageSchema>>>().toEqualTypeOf<ModelShape<Storage>>();
    expectTypeOf<v.InferOutput<typeof StorageCategorySchema>>().toEqualTypeOf<StorageCategory>();
    expectTypeOf<v.InferOutput<typeof StorageProviderSchema>>().toEqualTypeOf<StorageProvider>();
  });

  it('JobStatus, UpdateJob (what callers pass) and the body it becomes', () => {
    expectTypeOf<v.InferOutput<typeof JobStatusSchema>>().toEqualTypeOf<JobStatus>();
    expectTypeOf<ModelShape<v.InferInput<typeof UpdateJobSchema>>>().toEqualTypeOf<ModelShape<UpdateJob>>();
    expectTypeOf<ModelShape<v.InferOutput<typeof UpdateJobSchema>>>().toEqualTypeOf<
      ModelShape<UpdateJobBody>
    >();
  });
});
