import { AnnotationClient } from '@synapse/annotation';
const body = JSON.stringify({ id: 1, object: 'customer', title: 'Benchmark project', email: null });
const bytes = new TextEncoder().encode(body);
const fetch = async () => new Response(bytes, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
const synapse = new AnnotationClient({ baseUrl: 'http://127.0.0.1:9', apiToken: 'bench-token', allowInsecureHttp: true, fetch });
async function run(call, n) { let i = 0; await Promise.all(Array.from({ length: 32 }, async () => { while (i++ < n) await call(); })); }
await run(() => synapse.getProject(1), 200000);
