import type { Context } from 'hono';
import { type JsonObject, readJsonObject } from '../../shared/body.js';
import { fieldErrors, requiredField } from '../../shared/errors.js';
import type { TaskTag } from '../model.js';
import type { Backend } from '../state.js';
import type { Table } from '../store.js';

const ACTIONS = ['add', 'remove', 'set'] as const;

function pickList(
  body: JsonObject,
  names: readonly string[],
): { field: string; value: unknown[] } | undefined {
  for (const field of names) {
    const value = body[field];
    if (value !== undefined) {
      if (!Array.isArray(value)) throw fieldErrors({ [field]: ['Expected a list of items.'] });
      return { field, value };
    }
  }
  return undefined;
}

function resolveTags(backend: Backend, field: string, values: unknown[]): TaskTag[] {
  return values.map((value) => {
    const byId =
      typeof value === 'number' || typeof value === 'string' ? backend.state.taskTags.get(value) : undefined;
    const tag = byId ?? backend.state.taskTags.all().find((row) => row.name === value);
    if (!tag) throw fieldErrors({ [field]: [`Invalid pk "${String(value)}" - object does not exist.`] });
    return tag;
  });
}

/**
 * `POST tasks/set_tags/` and `assignments/set_tags/`: body `{ids | task_ids | assignment_ids, tags | tag_ids,
 * action: add | remove | set}` (action defaults to add). Tags are ids, or names of existing task tags.
 */
export async function setTags<T extends { id: number; tags: number[] }>(
  c: Context,
  backend: Backend,
  table: Table<T>,
  idFields: readonly string[],
): Promise<Response> {
  const body = await readJsonObject(c, backend.options.maxJsonBytes);
  const ids = pickList(body, idFields);
  if (!ids) throw requiredField('ids');
  const tagList = pickList(body, ['tags', 'tag_ids']);
  if (!tagList) throw requiredField('tags');
  const action = body.action ?? 'add';
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw fieldErrors({ action: [`"${String(action)}" is not a valid choice.`] });
  }
  const rows = ids.value.map((id) => {
    const row = typeof id === 'number' || typeof id === 'string' ? table.get(id) : undefined;
    if (!row) throw fieldErrors({ [ids.field]: [`Invalid pk "${String(id)}" - object does not exist.`] });
    return row;
  });
  const tagIds = resolveTags(backend, tagList.field, tagList.value).map((tag) => tag.id);
  for (const row of rows) {
    if (action === 'set') row.tags = [...new Set(tagIds)];
    else if (action === 'remove') row.tags = row.tags.filter((tag) => !tagIds.includes(tag));
    else row.tags = [...new Set([...row.tags, ...tagIds])];
  }
  return c.json({ action, ids: rows.map((row) => row.id), tags: tagIds, updated: rows.length });
}
