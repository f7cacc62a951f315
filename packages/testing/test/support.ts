/**
 * Test support. The fake clients stand in for the SDK's (this package depends on none): they keep their options
 * and send them.
 */

interface BackendOptions {
  baseUrl: string;
  apiToken?: string;
  maxRetries?: number;
  tenant?: string;
}

export class FakeBackendClient {
  constructor(readonly options: BackendOptions) {}

  /** GETs `path` with `Synapse-Access-Token: Token <apiToken>`, as the backend clients do. */
  async get(path: string): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (this.options.apiToken) headers['synapse-access-token'] = `Token ${this.options.apiToken}`;
    if (this.options.tenant) headers['synapse-tenant'] = `Token ${this.options.tenant}`;
    const response = await fetch(`${this.options.baseUrl}${path}`, { headers });
    return { status: response.status, body: await response.json() };
  }
}

interface AgentOptions {
  baseUrl: string;
  agentToken: string;
  maxRetries?: number;
}

export class FakeAgentClient {
  constructor(readonly options: AgentOptions) {}

  /** GETs `path` with the raw agent token in `Authorization`, as the agent client does. */
  async get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      headers: { authorization: this.options.agentToken },
    });
    return { status: response.status, body: await response.json() };
  }
}

/** What `read` throws, or undefined when it returns. */
export function thrownBy(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  return undefined;
}
