#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';
import { isOriginOption } from './shared/access-policy.js';

const USAGE = `Usage: synapse-emulator [--port N] [--allow-host NAME]... [--allow-origin ORIGIN]... [--json]

Starts the emulated Synapse backend, agent and Ray dashboard on 127.0.0.1.
  --port N               backend port (agent N+1, Ray N+2); ephemeral ports when omitted
  --allow-host NAME      also accept this Host name (any port) besides localhost, 127.x.x.x and [::1];
                         repeatable, or comma-separated
  --allow-origin ORIGIN  also serve (with CORS) this browser origin, e.g. https://app.example.com,
                         besides loopback origins; repeatable, or comma-separated
  --json                 print one JSON line {"backendUrl","agentUrl","rayUrl","tokens"} once listening
  --help                 show this help`;

/** Values of a repeatable flag, each of which may also be a comma-separated list. */
const listOf = (values: string[] | undefined): string[] | undefined =>
  values
    ?.flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'allow-origin': { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65533)) {
    console.error(`Invalid --port: ${values.port}\n\n${USAGE}`);
    process.exit(2);
  }
  const allowedOrigins = listOf(values['allow-origin']);
  const badOrigin = allowedOrigins?.find((origin) => !isOriginOption(origin));
  if (badOrigin !== undefined) {
    console.error(`Invalid --allow-origin: ${badOrigin} (expected e.g. https://app.example.com)\n\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator({ port, allowedHosts: listOf(values['allow-host']), allowedOrigins });
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const { backendUrl, agentUrl, rayUrl, tokens } = emulator;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ backendUrl, agentUrl, rayUrl, tokens })}\n`);
  } else {
    console.log(`Synapse emulator listening
  backend  ${backendUrl}
  agent    ${agentUrl}
  ray      ${rayUrl}
tokens
  access     ${tokens.accessToken}   (Synapse-Access-Token: Token <v>)
  read-only  ${tokens.readOnlyToken}
  agent      ${tokens.agentToken}
control  ${backendUrl}/__emulator/stats, ${backendUrl}/__emulator/faults
Press Ctrl+C to stop.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
