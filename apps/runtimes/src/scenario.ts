// The calls every runtime must carry, with nothing but web APIs: it is bundled for a browser page and a workerd
// worker, and run as it is by Deno, Bun and Node. The test that runs it checks the report against the emulator.
import { AnnotationClient, NotFoundError } from '@synapse/annotation';
import { AbortError, CoreClient, ValidationError } from '@synapse/core';
import { DataCollectionClient } from '@synapse/data';

export interface ScenarioInput {
  backendUrl: string;
  accessToken: string;
  /** Bytes of the generated file sent by chunked upload. */
  uploadBytes: number;
  /** A file on disk to upload by its path, where the runtime has a file system. */
  filePath?: string;
}

export interface ScenarioReport {
  runtime: string;
  project: { id: number; title: string | undefined };
  /** Task ids from `listTasks` with `listAll`, two to a page. */
  taskIds: number[];
  upload: { status: unknown; offset: unknown; md5: unknown; progress: number[] };
  /** The same bytes as a web stream of a given size (a one-shot source: read once, front to back). */
  streamUpload: { md5: unknown };
  /** The error of an upload aborted once the server had created it. */
  aborted: { name: string; isAbortError: boolean };
  /** The error of `getProject` for an id the emulator does not have. */
  missing: { name: string; status: number; isNotFound: boolean };
  /** A path as the file: uploaded where there is a file system, refused before any request elsewhere. */
  path: { md5?: unknown; error?: Refusal };
  /** `listTasks` with `urlConversion`: the first task's files as local paths, or refused where there is no disk. */
  urlConversion: { files?: unknown; error?: Refusal };
  /** `uploadDataCollection` with a journal file: the record created where there is a disk, refused elsewhere. */
  journal: { created?: number; skipped?: number; error?: Refusal };
}

export interface Refusal {
  name: string;
  isValidationError: boolean;
  message: string;
}

const refusal = (error: unknown): Refusal => {
  const { name, message } = error as Error;
  return { name, message, isValidationError: error instanceof ValidationError };
};

const CHUNK = 4 * 1024 * 1024;

/** The bytes of the generated file: `i * 31 + (i >> 8)`, so a chunk at the wrong offset changes the MD5. */
export function generatedBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

function runtimeName(): string {
  const scope = globalThis as { Deno?: unknown; Bun?: unknown; navigator?: { userAgent?: string } };
  if (scope.Deno) return 'deno';
  if (scope.Bun) return 'bun';
  const agent = scope.navigator?.userAgent ?? '';
  if (agent.includes('Cloudflare-Workers')) return 'workerd';
  if (agent.includes('Chrome')) return 'chromium';
  return 'node';
}

export async function runScenario(input: ScenarioInput): Promise<ScenarioReport> {
  const auth = { baseUrl: input.backendUrl, accessToken: input.accessToken, allowInsecureHttp: true };
  const annotation = new AnnotationClient(auth);
  const core = new CoreClient(auth);

  const project = await annotation.getProject(1);
  const taskIds: number[] = [];
  for await (const task of await annotation.listTasks({ page_size: 2 }, { listAll: true }))
    taskIds.push(task.id);

  const file = new Blob([generatedBytes(input.uploadBytes)]);
  const progress: number[] = [];
  const uploaded = await core.createChunkedUpload(file, {
    filename: 'runtime.bin',
    chunkSize: CHUNK,
    onProgress: ({ loaded }) => progress.push(loaded),
  });

  const fromStream = await core.createChunkedUpload(
    { content: file.stream(), size: file.size, filename: 'stream.bin' },
    { chunkSize: CHUNK },
  );

  const controller = new AbortController();
  const abortError = await core
    .createChunkedUpload(file, {
      chunkSize: CHUNK,
      signal: controller.signal,
      onUploadUrl: () => controller.abort(),
    })
    .then(() => new Error('the upload was not aborted'))
    .catch((error: Error) => error);

  const missing = (await annotation.getProject(987_654).then(
    () => new Error('the project was found'),
    (error: unknown) => error,
  )) as NotFoundError;

  const path = await core
    .createChunkedUpload(input.filePath ?? 'no-file-system.bin', { chunkSize: CHUNK })
    .then(
      (reply) => ({ md5: reply.md5 }),
      (error: unknown) => ({ error: refusal(error) }),
    );
  const urlConversion = await annotation.listTasks({ page_size: 1 }, { urlConversion: true }).then(
    (page) => ({ files: page.results[0]?.files }),
    (error: unknown) => ({ error: refusal(error) }),
  );

  const journal = await new DataCollectionClient(auth)
    .uploadDataCollection(1, [{ files: { image_1: new Blob(['a journal run']) } }], undefined, {
      journal: `${input.filePath ?? 'no-file-system'}.${runtimeName()}.jsonl`,
      key: () => 'journal-record',
    })
    .then(
      ({ created, skipped }) => ({ created, skipped }),
      (error: unknown) => ({ error: refusal(error) }),
    );

  return {
    runtime: runtimeName(),
    project: { id: project.id, title: project.title },
    taskIds,
    upload: { status: uploaded.status, offset: uploaded.offset, md5: uploaded.md5, progress },
    streamUpload: { md5: fromStream.md5 },
    aborted: { name: abortError.name, isAbortError: abortError instanceof AbortError },
    missing: { name: missing.name, status: missing.status, isNotFound: missing instanceof NotFoundError },
    path,
    urlConversion,
    journal,
  };
}
