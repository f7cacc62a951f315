import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { CliError } from '../exit-codes.js';
import { writeJsonLine } from '../io.js';

/**
 * `synapse emulator [--port N]`: starts `@synapse/emulator` in this process, prints its URLs and tokens and runs
 * until SIGINT or SIGTERM. Its tokens are fixed local stand-ins, not credentials: printing them is the point, so
 * that they can be pasted into `SYNAPSE_API_TOKEN` or `synapse login`.
 */
export function registerEmulator(program: Command, context: CommandContext): void {
  program
    .command('emulator')
    .description(
      'start a local emulated backend, agent and Ray dashboard; prints their URLs and (fake, local) tokens',
    )
    .option('--port <n>', 'backend port (agent N+1, Ray N+2); free ports when omitted')
    .option('--json', 'print {"backendUrl","agentUrl","rayUrl","tokens"} as one JSON line')
    .action(async (options: { port?: string; json?: boolean }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65533)) {
        throw new CliError(`--port must be an integer from 0 to 65533, got "${options.port}"`);
      }
      // Loaded on use: the emulator (its HTTP server and dependencies) is most of what the CLI could load.
      const { startEmulator } = await import('@synapse/emulator');
      const emulator = await startEmulator({ ...(port === undefined ? {} : { port }) });
      const { backendUrl, agentUrl, rayUrl, tokens } = emulator;
      const { stdout } = context.io;
      if (options.json) writeJsonLine(stdout, { backendUrl, agentUrl, rayUrl, tokens });
      else {
        stdout.write(`Synapse emulator listening (tokens are local stand-ins, not secrets)
  backend  ${backendUrl}
  agent    ${agentUrl}
  ray      ${rayUrl}
  access token     ${tokens.accessToken}
  read-only token  ${tokens.readOnlyToken}
  agent token      ${tokens.agentToken}
Try: SYNAPSE_BASE_URL=${backendUrl} SYNAPSE_API_TOKEN=${tokens.accessToken} SYNAPSE_RAY_URL=${rayUrl} synapse get projects 1
Press Ctrl+C to stop.
`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        context.signal.addEventListener('abort', stop, { once: true });
      });
      await emulator.stop();
    });
}
