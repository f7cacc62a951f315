import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { HITLClient, Page, PageIterator } from '../src/index.js';
import type {
  Assignment,
  AssignmentSchema,
  SetTagsAssignments,
  SetTagsAssignmentsSchema,
} from '../src/schemas.js';

/** The shape a schema gives (what a reply is checked to be, or what an input is checked to be). */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model is a named interface beside its schema: the same shape means the schema checks every field the
// interface names, and the interface names every field the schema checks (unknown keys kept by both).
describe('HITL models match their schemas', () => {
  it('Assignment (a reply) and SetTagsAssignments (an input)', () => {
    expectTypeOf<Checked<typeof AssignmentSchema>>().toEqualTypeOf<ModelShape<Assignment>>();
    expectTypeOf<Checked<typeof SetTagsAssignmentsSchema>>().toEqualTypeOf<ModelShape<SetTagsAssignments>>();
  });
});

describe('HITLClient resolves to what its replies are checked to be', () => {
  const client = {} as HITLClient;

  it('assignments by name; the set-tags reply as sent', () => {
    expectTypeOf(client.getAssignment(1)).resolves.toEqualTypeOf<Assignment>();
    expectTypeOf(client.listAssignments()).resolves.toEqualTypeOf<Page<Assignment>>();
    expectTypeOf(client.listAssignments({}, { listAll: true })).resolves.toEqualTypeOf<
      PageIterator<Assignment>
    >();
    expectTypeOf(client.setTagsAssignments({ assignment_ids: [1] })).resolves.toEqualTypeOf<unknown>();
  });
});
