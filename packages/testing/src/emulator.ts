import { type Emulator, type EmulatorOptions, startEmulator } from '@synapse/emulator';
import { afterAll, beforeAll } from 'vitest';
import { blockNetwork, resetNetwork } from './network.js';

/** A backend client class (every domain client, `BackendClient`): built from `{ baseUrl, apiToken, … }`. */
export type BackendClientClass<O extends { baseUrl: string; apiToken?: string }, C> = new (options: O) => C;

/** An agent client class: built from `{ baseUrl, agentToken, … }`. */
export type AgentClientClass<O extends { baseUrl: string; agentToken: string }, C> = new (options: O) => C;

/** What `useEmulator` returns: read it inside tests and hooks, once the emulator is running. */
export interface EmulatorHandle {
  /** The running emulator (URLs, tokens, faults). Throws outside a test or hook, before it started. */
  readonly emulator: Emulator;
  /**
   * A backend client on the emulator's backend URL with its full-access token; `extra` adds options or
   * overrides these.
   */
  client<O extends { baseUrl: string; apiToken?: string }, C>(
    Client: BackendClientClass<O, C>,
    extra?: NoInfer<Partial<O>>,
  ): C;
  /** An agent client on the emulator's agent URL with its agent token; `extra` adds options or overrides these. */
  agentClient<O extends { baseUrl: string; agentToken: string }, C>(
    Client: AgentClientClass<O, C>,
    extra?: NoInfer<Partial<O>>,
  ): C;
}

/**
 * Runs an emulator for the tests of this file (or of the `describe` it is called in): `beforeAll` blocks every
 * connection but loopback and starts it with `options`; `afterAll` stops it and removes any interceptor.
 */
export function useEmulator(options?: EmulatorOptions): EmulatorHandle {
  let running: Emulator | undefined;

  beforeAll(async () => {
    blockNetwork();
    running = await startEmulator(options);
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
    resetNetwork();
  });

  const current = (): Emulator => {
    if (!running)
      throw new Error('useEmulator: the emulator is not running; read it inside a test or hook of the file');
    return running;
  };

  return {
    get emulator() {
      return current();
    },
    client(Client, extra) {
      const { backendUrl, tokens } = current();
      return new Client({ baseUrl: backendUrl, apiToken: tokens.accessToken, ...extra } as never);
    },
    agentClient(Client, extra) {
      const { agentUrl, tokens } = current();
      return new Client({ baseUrl: agentUrl, agentToken: tokens.agentToken, ...extra } as never);
    },
  };
}
