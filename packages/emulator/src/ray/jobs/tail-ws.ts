import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { rejectUpgrade, sendText, type WebSocketHub } from '../ws.js';
import { followLog } from './job-log.js';
import type { JobStore } from './job-store.js';
import type { JobRecord } from './types.js';

/**
 * Sends a job's log over an open socket, batching or one message per line, then closes with 1000 when the job
 * has ended and everything was sent. Jobs with `dropAfterLines` get their socket terminated (1006) instead.
 */
export async function pumpLogToSocket(ws: WebSocket, record: JobRecord, perLine: boolean): Promise<void> {
  let sent = 0;
  const limit = record.dropAfterLines;
  try {
    for await (const batch of followLog(record.log, {
      maxBatchBytes: perLine ? 1 : 64 * 1024,
      cancelled: () => ws.readyState !== ws.OPEN,
    })) {
      const lines = limit === null ? batch : batch.slice(0, limit - sent);
      if (perLine) for (const line of lines) await sendText(ws, `${line}\n`);
      else if (lines.length > 0) await sendText(ws, lines.map((line) => `${line}\n`).join(''));
      sent += lines.length;
      if (limit !== null && sent >= limit) {
        ws.terminate();
        return;
      }
    }
    if (ws.readyState === ws.OPEN) ws.close(1000);
  } catch {
    ws.terminate();
  }
}

const TAIL_PATH = /^\/api\/jobs\/([^/]+)\/logs\/tail$/;

/** Ray's `GET /api/jobs/{id}/logs/tail` WebSocket: raw text frames of log chunks, closed 1000 at the end. */
export function rayTailUpgrade(
  jobs: JobStore,
  hub: WebSocketHub,
  path: string,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const match = TAIL_PATH.exec(path);
  if (!match) return false;
  const id = decodeURIComponent(match[1] ?? '');
  const record = jobs.find(id);
  if (!record) {
    rejectUpgrade(socket, 404, `Job ${id} does not exist`);
  } else if (record.type !== 'SUBMISSION') {
    rejectUpgrade(socket, 400, 'Can only get logs of submission type jobs');
  } else {
    void hub.accept(request, socket, head).then((ws) => pumpLogToSocket(ws, record, false));
  }
  return true;
}
