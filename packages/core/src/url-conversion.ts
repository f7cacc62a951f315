import { downloadToCache } from '#runtime';
import { ValidationError } from './errors.js';
import type { RuntimeSeam } from './runtime/seam.js';

/** Download file URLs in results to a local cache folder and put local paths in their place (Node only). */
export interface UrlConversionOptions {
  /** Dotted paths of the fields holding URLs (e.g. `files`, `data.files`). Defaults per method. */
  filesFields?: string[];
  /** Applied to each local path (e.g. to open it). */
  coerce?: (localPath: string) => unknown;
  /** Convert each item of a page's `results` (true) or the object itself (false). Defaults per method. */
  isList?: boolean;
  /** Cache folder. Default: `<os temp dir>/synapse-sdk/media`. */
  cacheDir?: string;
  /** Downloads at once. Default 8. */
  concurrency?: number;
}

/** The `urlConversion` option: `true` for the method's defaults, `false` for none, or options. */
export type UrlConversion = boolean | UrlConversionOptions;

export interface ResolvedUrlConversion {
  filesFields: string[];
  coerce: ((localPath: string) => unknown) | undefined;
  isList: boolean;
  cacheDir: string | undefined;
  concurrency: number;
}

/** URL conversion's download into a cache folder on disk; a `ValidationError` where the runtime has no disk. */
export function diskCache(): NonNullable<RuntimeSeam['downloadToCache']> {
  if (downloadToCache) return downloadToCache;
  throw new ValidationError(
    'urlConversion needs Node.js (or Bun, Deno): it downloads each file into a cache folder on disk; ' +
      'here read the file URLs from the reply and fetch what you need',
    { argument: 'urlConversion' },
  );
}

/** Python `get_default_url_conversion`: the method's defaults, then the caller's settings; `false` disables. */
export function resolveUrlConversion(
  option: UrlConversion | undefined,
  defaults: { filesFields: string[]; isList: boolean },
): ResolvedUrlConversion | undefined {
  if (option === undefined || option === false) return undefined;
  const given = option === true ? {} : option;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('urlConversion must be true, false or an options object', {
      argument: 'urlConversion',
    });
  }
  diskCache(); // where there is no disk, refused before any request
  const concurrency = given.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ValidationError('urlConversion.concurrency must be a whole number ≥ 1', {
      argument: 'urlConversion.concurrency',
    });
  }
  return {
    filesFields: given.filesFields ?? defaults.filesFields,
    coerce: given.coerce,
    isList: given.isList ?? defaults.isList,
    cacheDir: given.cacheDir,
    concurrency,
  };
}

export type Downloader = (url: string) => Promise<string>;

function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value);
}

/** Runs tasks with at most `limit` at once. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

type Job = () => Promise<void>;
type Fields = Record<string, unknown>;

function collectJobs(
  target: unknown,
  field: string,
  conv: ResolvedUrlConversion,
  download: Downloader,
  jobs: Job[],
): void {
  const keys = field.split('.');
  const last = keys.pop() as string;
  // A step that is missing or null on the way leaves the object as it is.
  const parent = keys.reduce(
    (holder, key) => holder?.[key] as Fields | undefined,
    target as Fields | undefined,
  );
  const value = parent?.[last];
  const localValue = (local: string) => (conv.coerce ? conv.coerce(local) : local);
  if (isUrl(value)) {
    jobs.push(async () => {
      (parent as Fields)[last] = localValue(await download(value));
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = value as Fields;
  for (const [key, entry] of Object.entries(entries)) {
    if (isUrl(entry)) {
      jobs.push(async () => {
        entries[key] = localValue(await download(entry));
      });
    } else if (isUrl((entry as { url?: unknown } | null | undefined)?.url)) {
      const file = entry as Fields;
      jobs.push(async () => {
        const local = await download(file.url as string);
        delete file.url;
        file.path = localValue(local);
      });
    }
  }
}

/** Replaces URLs in the configured fields of each object with local paths, downloading concurrently. */
export async function convertUrls<T>(
  objects: T[],
  conv: ResolvedUrlConversion,
  download: Downloader,
): Promise<T[]> {
  const jobs: Job[] = [];
  for (const object of objects) {
    for (const field of conv.filesFields) collectJobs(object, field, conv, download, jobs);
  }
  await mapLimit(jobs, conv.concurrency, (job) => job());
  return objects;
}
