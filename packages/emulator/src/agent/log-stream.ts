import { followLog } from '../ray/jobs/job-log.js';
import type { JobRecord } from '../ray/jobs/types.js';

const BATCH_BYTES = 64 * 1024;
/** Lets already written bytes leave before a scripted drop destroys the connection. */
const DROP_DELAY_MS = 50;

/**
 * A text/plain body with one line per `\n`, pulled from the job log only as fast as the client reads, ending
 * when the job has ended. A job with `dropAfterLines` has its connection destroyed after that many lines
 * (`dropConnection`, or failing that an errored body).
 */
export function logStreamResponse(record: JobRecord, dropConnection: () => boolean): Response {
  let cancelled = false;
  const batches = followLog(record.log, { maxBatchBytes: BATCH_BYTES, cancelled: () => cancelled });
  const encoder = new TextEncoder();
  const limit = record.dropAfterLines;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (limit !== null && sent >= limit) {
          await new Promise((resolve) => setTimeout(resolve, DROP_DELAY_MS));
          if (!dropConnection()) controller.error(new Error('log stream dropped by the emulator'));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        const lines = limit === null ? next.value : next.value.slice(0, limit - sent);
        sent += lines.length;
        controller.enqueue(encoder.encode(lines.map((line) => `${line}\n`).join('')));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    },
  });
}
