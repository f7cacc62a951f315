// A trivial loopback JSON server for the peer benchmark: every request gets the same small object (a record both
// a Synapse project and a Stripe customer can be read from). Prints its URL as one JSON line.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: 1, object: 'customer', title: 'Benchmark project', email: null });
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }));
});
