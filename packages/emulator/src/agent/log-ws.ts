import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RayCluster } from '../ray/cluster.js';
import { pumpLogToSocket } from '../ray/jobs/tail-ws.js';
import { rejectUpgrade, requestPath, type WebSocketHub } from '../ray/ws.js';
import { AUTH_DETAIL, checkAgentAuth, nodeHeaders } from './auth.js';
import { NOT_FOUND, STREAM_PATH } from './job-routes.js';

/** `ray/jobs/{pk}/logs/ws/`: one text message per log line (with its `\n`), closed 1000 when the job ends. */
export function agentLogUpgrade(
  token: string,
  cluster: RayCluster,
  hub: WebSocketHub,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const match = STREAM_PATH.exec(requestPath(request));
  if (match?.[2] !== 'ws') return false;
  const failure = checkAgentAuth(token, nodeHeaders(request.headers), true);
  const record = cluster.jobs.find(decodeURIComponent(match[1] ?? ''));
  if (failure)
    rejectUpgrade(socket, 401, JSON.stringify({ detail: AUTH_DETAIL[failure] }), 'application/json');
  else if (!record) rejectUpgrade(socket, 404, JSON.stringify(NOT_FOUND), 'application/json');
  else void hub.accept(request, socket, head).then((ws) => pumpLogToSocket(ws, record, true));
  return true;
}
