import { assertHeaderValue, type ClientAuth, ValidationError } from '@synapse/core/internal';
import type { AgentClientOptions } from './schemas.js';

/** The option checked as a header value; `''` (like `undefined`) sends no header. */
function optionalString(options: AgentClientOptions, key: 'userToken' | 'tenant'): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  assertHeaderValue(value, key);
  return value;
}

/**
 * Python `AgentClient._get_headers`: the raw agent token in `Authorization`, and `SYNAPSE-User` /
 * `SYNAPSE-Tenant` as `Token <v>` when given.
 */
export function agentAuth(options: AgentClientOptions): ClientAuth & { agentToken: string } {
  const agentToken = options.agentToken;
  if (typeof agentToken !== 'string' || agentToken === '') {
    throw new ValidationError('agentToken is required (the agent token, sent raw in Authorization)', {
      argument: 'agentToken',
    });
  }
  assertHeaderValue(agentToken, 'agentToken');
  const headers: Record<string, string> = { Authorization: agentToken };
  const secrets = [agentToken];
  const user = optionalString(options, 'userToken');
  const tenant = optionalString(options, 'tenant');
  if (user) {
    headers['SYNAPSE-User'] = `Token ${user}`;
    secrets.push(user);
  }
  if (tenant) {
    headers['SYNAPSE-Tenant'] = `Token ${tenant}`;
    secrets.push(tenant);
  }
  return { headers, secrets, agentToken };
}
