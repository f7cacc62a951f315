#!/usr/bin/env node
// A minimal chunked-upload server for comparison: it counts the bytes of each PUT and answers with the next
// offset, without parsing, hashing or storing anything. Prints one JSON line like the emulator's `--json`.
import { createServer } from 'node:http';

let uploads = 0;
const server = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (data) => {
    bytes += data.length;
  });
  req.on('end', () => {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    const path = req.url === '/chunked_upload/' ? `/chunked_upload/${++uploads}/` : req.url;
    const { port } = server.address();
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        id: String(uploads),
        url: `http://127.0.0.1:${port}${path}`,
        offset: range ? Number(range[2]) + 1 : 0,
        received: bytes,
      }),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  console.log(JSON.stringify({ backendUrl: url, tokens: { accessToken: 'sink' } }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
