/** Where the demo runs: the in-process emulator, or the services named by the environment. */
export interface DemoSettings {
  /** True when no SYNAPSE_BASE_URL is set: the demo starts `@synapse/emulator` itself. */
  emulator: boolean;
  backendUrl: string;
  apiToken: string;
  agent?: { url: string; token: string };
  ray?: { url: string };
  projectId: number;
  dataCollectionId: number;
  groundTruthVersionId: number;
  agentPluginCode: string;
}

/** A setting the user must fix; printed as one line. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

type Env = Record<string, string | undefined>;

function positiveId(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new SettingsError(`${name} must be an id ≥ 1, not "${raw}"`);
  return value;
}

/** What the environment asks for, before any service is started; `backendUrl` is empty for the emulator. */
export function readSettings(env: Env): DemoSettings {
  const backendUrl = env.SYNAPSE_BASE_URL?.trim() ?? '';
  const apiToken = (env.SYNAPSE_API_TOKEN ?? env.SYNAPSE_ACCESS_TOKEN ?? '').trim();
  if (backendUrl && !apiToken) {
    throw new SettingsError(
      'SYNAPSE_BASE_URL is set but SYNAPSE_API_TOKEN is not: set the token of that backend',
    );
  }
  const agentUrl = env.SYNAPSE_AGENT_URL?.trim();
  const agentToken = env.SYNAPSE_AGENT_TOKEN?.trim();
  if (agentUrl && !agentToken) {
    throw new SettingsError('SYNAPSE_AGENT_URL is set but SYNAPSE_AGENT_TOKEN is not: set the agent token');
  }
  const rayUrl = env.SYNAPSE_RAY_URL?.trim();
  return {
    emulator: !backendUrl,
    backendUrl,
    apiToken: backendUrl ? apiToken : '',
    agent: agentUrl && agentToken ? { url: agentUrl, token: agentToken } : undefined,
    ray: rayUrl ? { url: rayUrl } : undefined,
    projectId: positiveId(env, 'SYNAPSE_DEMO_PROJECT', 1),
    dataCollectionId: positiveId(env, 'SYNAPSE_DEMO_DATA_COLLECTION', 1),
    groundTruthVersionId: positiveId(env, 'SYNAPSE_DEMO_GROUND_TRUTH_VERSION', 1),
    agentPluginCode: env.SYNAPSE_DEMO_AGENT_PLUGIN?.trim() || 'demo-plugin@1.0.0',
  };
}
