import { rm } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { bindings } from '../../shared/bindings.js';
import { isObject, type JsonObject, readJsonObject } from '../../shared/body.js';
import { notFound, requiredField } from '../../shared/errors.js';
import { newDigests, streamToFile } from '../../shared/files.js';
import { isMultipart, parseMultipart } from '../../shared/multipart.js';
import { paginate } from '../../shared/pagination.js';
import type { Plugin, PluginRelease } from '../model.js';
import { type Backend, now } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import { extraFields, optionalString, requireRef } from '../validate.js';
import { simulateRun } from './job-runner.js';
import { serializeJob } from './jobs.js';
import { storeMedia, tempMediaPath } from './media.js';

const PLUGIN_FIELDS = ['id', 'code', 'name', 'category', 'created'];

const serializePlugin = (plugin: Plugin) => ({
  ...plugin.fields,
  id: plugin.id,
  code: plugin.code,
  name: plugin.name,
  category: plugin.category,
  created: plugin.created,
});

const serializeRelease = (backend: Backend) => (release: PluginRelease) => ({
  ...release.fields,
  id: release.id,
  plugin: release.plugin,
  version: release.version,
  file: release.mediaPath ? backend.mediaUrl(release.mediaPath) : null,
  created: release.created,
});

function pluginFields(body: JsonObject) {
  const code = optionalString(body, 'code', '');
  const name = optionalString(body, 'name', code);
  if (!code && !name) throw requiredField('code');
  return {
    code: code || name,
    name,
    category: optionalString(body, 'category', 'neural_net'),
    fields: extraFields(body, PLUGIN_FIELDS),
  };
}

/** Form values that hold JSON objects or lists (the client JSON-encodes dict values) are decoded. */
function decodeFormValue(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

async function readRelease(c: Context, backend: Backend) {
  if (!isMultipart(c.req.header('content-type'))) {
    return {
      body: await readJsonObject(c, backend.options.maxJsonBytes),
      temp: undefined,
      filename: undefined,
    };
  }
  const temp = await tempMediaPath(backend);
  let filename: string | undefined;
  try {
    const fields = await parseMultipart(bindings(c).incoming, {
      maxFileBytes: backend.options.maxUploadBytes,
      onFile: async (part) => {
        if (part.field !== 'file' || filename) return void part.stream.resume();
        await streamToFile(part.stream, temp, newDigests());
        filename = part.filename;
      },
    });
    const body = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [key, decodeFormValue(value)]),
    );
    return { body, temp: filename ? temp : undefined, filename };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `plugins/`, `plugins/{pk}/`, `plugins/{pk}/run/`, `plugin_releases/`, `plugin_releases/{pk}/`. */
export function registerPlugins(app: Hono, backend: Backend): void {
  const { state } = backend;
  const find = (pk: string): Plugin => {
    const plugin = state.plugins.get(pk);
    if (!plugin) throw notFound();
    return plugin;
  };
  app.get('/plugins/', (c) => {
    const rows = filterRows(state.plugins.all(), [[c.req.query('code'), (row, value) => row.code === value]]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializePlugin));
  });
  app.post('/plugins/', async (c) => {
    const fields = pluginFields(await readJsonObject(c, backend.options.maxJsonBytes));
    const plugin = state.plugins.insert((id) => ({ id, ...fields, created: now() }));
    return c.json(serializePlugin(plugin), 201);
  });
  app.get('/plugins/:pk/', (c) => c.json(serializePlugin(find(c.req.param('pk')))));
  app.put('/plugins/:pk/', async (c) => {
    const plugin = find(c.req.param('pk'));
    Object.assign(plugin, pluginFields(await readJsonObject(c, backend.options.maxJsonBytes)));
    return c.json(serializePlugin(plugin));
  });
  app.post('/plugins/:pk/run/', async (c) => {
    const plugin = find(c.req.param('pk'));
    const body = await readJsonObject(c, backend.options.maxJsonBytes);
    const params = isObject(body.params) ? body.params : {};
    const release = state.pluginReleases
      .all()
      .filter((row) => row.plugin === plugin.id)
      .at(-1);
    const job = state.jobs.insert((id) => ({
      id,
      plugin: plugin.id,
      plugin_release: release?.id ?? null,
      action: optionalString(body, 'action', 'run'),
      params: { ...body },
      status: 'pending',
      progress_record: {},
      metrics_record: {},
      result: null,
      console_logs: [],
      created: now(),
      started_at: null,
      finished_at: null,
    }));
    simulateRun(backend, job, body.fail === true || params.fail === true);
    return c.json({ job_id: job.id, job: serializeJob(job) });
  });
  app.get('/plugin_releases/', (c) => {
    const rows = filterRows(state.pluginReleases.all(), [
      [c.req.query('plugin'), (r, v) => idEquals(r.plugin, v)],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializeRelease(backend)));
  });
  app.post('/plugin_releases/', async (c) => {
    const { body, temp, filename } = await readRelease(c, backend);
    try {
      const plugin = requireRef(body, 'plugin', state.plugins);
      const id = state.pluginReleases.reserveId();
      const stored =
        temp && filename
          ? await storeMedia(backend, temp, 'move', { kind: 'plugin_releases', id, filename })
          : undefined;
      const release = state.pluginReleases.put({
        id,
        plugin: plugin.id,
        version: optionalString(body, 'version', '0.1.0'),
        fields: extraFields(body, ['id', 'plugin', 'version', 'file', 'created']),
        mediaPath: stored?.mediaPath ?? null,
        path: stored?.path ?? null,
        created: now(),
      });
      return c.json(serializeRelease(backend)(release), 201);
    } finally {
      if (temp) await rm(temp, { force: true });
    }
  });
  app.get('/plugin_releases/:pk/', (c) => {
    const release = state.pluginReleases.get(c.req.param('pk'));
    if (!release) throw notFound();
    return c.json(serializeRelease(backend)(release));
  });
}
