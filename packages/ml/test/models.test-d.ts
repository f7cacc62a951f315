import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { MLClient, Page, PageIterator } from '../src/index.js';
import type {
  CreateModel,
  CreateModelSchema,
  GroundTruthEvent,
  GroundTruthEventSchema,
  GroundTruthVersion,
  GroundTruthVersionSchema,
  Model,
  ModelSchema,
} from '../src/schemas.js';

/** The shape a schema gives (what a reply is checked to be, or what an input is checked to be). */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model is a named interface beside its schema: the same shape means the schema checks every field the
// interface names, and the interface names every field the schema checks (unknown keys kept by both).
describe('ML models match their schemas', () => {
  it('replies: Model, GroundTruthEvent, GroundTruthVersion', () => {
    expectTypeOf<Checked<typeof ModelSchema>>().toEqualTypeOf<ModelShape<Model>>();
    expectTypeOf<Checked<typeof GroundTruthEventSchema>>().toEqualTypeOf<ModelShape<GroundTruthEvent>>();
    expectTypeOf<Checked<typeof GroundTruthVersionSchema>>().toEqualTypeOf<ModelShape<GroundTruthVersion>>();
  });

  it('input: CreateModel', () => {
    expectTypeOf<Checked<typeof CreateModelSchema>>().toEqualTypeOf<ModelShape<CreateModel>>();
  });
});

describe('MLClient resolves to what its replies are checked to be', () => {
  const client = {} as MLClient;

  it('models and ground truth by name', () => {
    expectTypeOf(client.listModels()).resolves.toEqualTypeOf<Page<Model>>();
    expectTypeOf(client.getModel(1)).resolves.toEqualTypeOf<Model>();
    expectTypeOf(client.createModel({ file: new Uint8Array() })).resolves.toEqualTypeOf<Model>();
    expectTypeOf(client.listGroundTruthEvents()).resolves.toEqualTypeOf<Page<GroundTruthEvent>>();
    expectTypeOf(client.listGroundTruthEvents({}, { listAll: true })).resolves.toEqualTypeOf<
      PageIterator<GroundTruthEvent>
    >();
    expectTypeOf(client.getGroundTruthVersion(1)).resolves.toEqualTypeOf<GroundTruthVersion>();
  });
});
