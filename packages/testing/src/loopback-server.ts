import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface LoopbackHandlers {
  /** Answers a plain HTTP request. */
  request?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Handles an upgrade: `accept` completes the WebSocket handshake; or answer on `socket` yourself. */
  upgrade?: (
    req: IncomingMessage,
    accept: (onSocket: (ws: WebSocket) => void) => void,
    socket: Socket,
  ) => void;
}

/**
 * A real HTTP + WebSocket server on 127.0.0.1 for tests that need sockets (streams, tails, hostile replies). It
 * records every request and upgrade in `seen`; `close` ends every connection and socket.
 */
export async function loopbackServer(handlers: LoopbackHandlers) {
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  const seen: IncomingMessage[] = [];
  // An upgraded socket leaves the server's connection tracking: a handler that never answers would keep it open.
  const upgrades = new Set<Socket>();
  server.on('request', (req, res) => {
    seen.push(req);
    if (handlers.request) handlers.request(req, res);
    else res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket: Socket, head) => {
    seen.push(req);
    upgrades.add(socket);
    socket.on('close', () => upgrades.delete(socket));
    const accept = (onSocket: (ws: WebSocket) => void) => sockets.handleUpgrade(req, socket, head, onSocket);
    if (handlers.upgrade) handlers.upgrade(req, accept, socket);
    else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      for (const socket of upgrades) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
