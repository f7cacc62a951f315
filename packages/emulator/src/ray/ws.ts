import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** Accepts upgrades for one service and tracks its sockets so `close()` can end them. */
export class WebSocketHub {
  private readonly server = new WebSocketServer({ noServer: true });

  accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket> {
    return new Promise((resolve) => {
      this.server.handleUpgrade(request, socket, head, (ws) => resolve(ws));
    });
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers a handshake with a plain HTTP error instead of upgrading. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  body: string,
  contentType = 'text/plain',
): void {
  const payload = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: ${contentType}; charset=utf-8\r\n` +
      `Content-Length: ${payload.length}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const HIGH_WATER_BYTES = 1024 * 1024;

/** Sends a text frame, waiting for the socket to drain when too much is buffered. */
export function sendText(ws: WebSocket, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ws.readyState !== ws.OPEN) {
      reject(new Error('socket closed'));
      return;
    }
    if (ws.bufferedAmount < HIGH_WATER_BYTES) {
      ws.send(text);
      resolve();
      return;
    }
    ws.send(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Path part of an upgrade request URL. */
export function requestPath(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}
