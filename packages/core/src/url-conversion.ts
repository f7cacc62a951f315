import { ValidationError } from './errors.js';

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

export type UrlConversion = boolean | UrlConversionOptions;

export interface ResolvedUrlConversion {
  filesFields: string[];
  coerce: ((localPath: string) => unknown) | undefined;
  isList: boolean;
  cacheDir: string | undefined;
  concurrency: number;
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
  const results = new Array<R>(items.length);
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

function collectJobs(
  target: Record<string, unknown>,
  field: string,
  conv: ResolvedUrlConversion,
  download: Downloader,
  jobs: Job[],
): void {
  const keys = field.split('.');
  const last = keys.pop() as string;
  let holder: unknown = target;
  for (const key of keys) {
    if (typeof holder !== 'object' || holder === null) return;
    holder = (holder as Record<string, unknown>)[key];
  }
  if (typeof holder !== 'object' || holder === null || !(last in holder)) return;
  const parent = holder as Record<string, unknown>;
  const value = parent[last];
  const localValue = (local: string) => (conv.coerce ? conv.coerce(local) : local);
  if (isUrl(value)) {
    jobs.push(async () => {
      parent[last] = localValue(await download(value));
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = value as Record<string, unknown>;
  for (const [key, entry] of Object.entries(entries)) {
    if (isUrl(entry)) {
      jobs.push(async () => {
        entries[key] = localValue(await download(entry));
      });
    } else if (typeof entry === 'object' && entry !== null && isUrl((entry as { url?: unknown }).url)) {
      const file = entry as Record<string, unknown>;
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
    if (typeof object !== 'object' || object === null) continue;
    for (const field of conv.filesFields)
      collectJobs(object as Record<string, unknown>, field, conv, download, jobs);
  }
  await mapLimit(jobs, conv.concurrency, (job) => job());
  return objects;
}
