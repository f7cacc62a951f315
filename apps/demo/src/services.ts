import { type Emulator, startEmulator } from '@synapse/emulator';
import { AgentClient, BackendClient, RayClient } from '@synapse/sdk';
import type { DemoSettings } from './settings.js';

export interface Services {
  settings: DemoSettings;
  backend: BackendClient;
  agent: AgentClient | undefined;
  ray: RayClient | undefined;
  /** Stops what the demo started (the emulator); a no-op against a real backend. */
  close(): Promise<void>;
}

/** Starts the emulator when no backend is configured, then creates the clients. */
export async function openServices(requested: DemoSettings): Promise<Services> {
  let emulator: Emulator | undefined;
  let settings = requested;
  if (requested.emulator) {
    emulator = await startEmulator();
    settings = {
      ...requested,
      backendUrl: emulator.backendUrl,
      apiToken: emulator.tokens.accessToken,
      agent: { url: emulator.agentUrl, token: emulator.tokens.agentToken },
      ray: { url: emulator.rayUrl },
    };
  }
  const close = async () => {
    await emulator?.stop();
  };
  try {
    return {
      settings,
      backend: new BackendClient({ baseUrl: settings.backendUrl, apiToken: settings.apiToken }),
      agent: settings.agent
        ? new AgentClient({ baseUrl: settings.agent.url, agentToken: settings.agent.token })
        : undefined,
      ray: settings.ray ? new RayClient({ baseUrl: settings.ray.url }) : undefined,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
