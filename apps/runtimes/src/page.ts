// A web page's script: it puts the scenario, and a call to a server that sends no CORS headers, where the test
// driving the browser can call them.
import { AnnotationClient } from '@synapse/annotation';
import { runScenario } from './scenario.ts';

/** What a call to a server of another origin that does not allow this page's gives the caller. */
async function callWithoutCors(baseUrl: string) {
  const client = new AnnotationClient({
    baseUrl,
    accessToken: 'page-token',
    allowInsecureHttp: true,
    maxRetries: 0,
  });
  const error = (await client.getProject(1).then(
    () => new Error('the call went through'),
    (reason: Error) => reason,
  )) as Error & { status?: number };
  return { name: error.name, status: error.status, message: error.message };
}

Object.assign(globalThis, { runScenario, callWithoutCors });
