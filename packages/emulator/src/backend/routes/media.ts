import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, rename } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import { notFound } from '../../shared/errors.js';
import { fileResponse, safeFilename } from '../../shared/files.js';
import type { Backend } from '../state.js';

export interface StoredMedia {
  path: string;
  mediaPath: string;
}

/** A fresh temporary path inside the media folder (same file system, so a rename moves it). */
export async function tempMediaPath(backend: Backend): Promise<string> {
  const dir = join(backend.mediaDir, '.tmp');
  await mkdir(dir, { recursive: true });
  return join(dir, randomUUID());
}

/** Where a file goes under `/media/`: the kind of record, its id and what the file is called. */
export interface MediaPlace {
  kind: string;
  id: number;
  filename: string;
}

/**
 * Puts a file at `/media/<kind>/<id>/<safe name>`: `move` takes a temporary file there, `share` leaves a completed
 * upload's bytes where they are and shares them (a hard link when possible, else a copy).
 */
export async function storeMedia(
  backend: Backend,
  from: string,
  how: 'move' | 'share',
  { kind, id, filename }: MediaPlace,
): Promise<StoredMedia> {
  const name = safeFilename(filename);
  const dir = join(backend.mediaDir, kind, String(id));
  await mkdir(dir, { recursive: true });
  const stored = { path: join(dir, name), mediaPath: `${kind}/${id}/${encodeURIComponent(name)}` };
  if (how === 'move') await rename(from, stored.path);
  else await link(from, stored.path).catch(() => copyFile(from, stored.path));
  return stored;
}

/** The path below `/media/`, decoded; undefined for a malformed escape (which names no stored file). */
function mediaRelativePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path.slice('/media/'.length));
  } catch {
    return undefined;
  }
}

/** `GET /media/<path>`: serves stored bytes without authentication, like presigned storage URLs. */
export function registerMedia(app: Hono, backend: Backend): void {
  app.get('/media/*', async (c) => {
    const relative = mediaRelativePath(c.req.path);
    if (relative === undefined) throw notFound();
    const root = resolve(backend.mediaDir);
    const path = resolve(root, relative);
    if (!path.startsWith(root + sep) || relative.startsWith('.tmp')) throw notFound();
    const response = await fileResponse(path, path.split(sep).pop() ?? 'file');
    if (!response) throw notFound();
    return response;
  });
}
