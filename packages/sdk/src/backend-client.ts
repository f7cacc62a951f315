import { AnnotationClient } from '@synapse/annotation';
import { CoreClient } from '@synapse/core';
import { DataCollectionClient } from '@synapse/data';
import { HITLClient } from '@synapse/hitl';
import { IntegrationClient } from '@synapse/integration';
import { MLClient } from '@synapse/ml';
import { installMethods } from './compose.js';

/** The domain clients whose methods `BackendClient` carries, in the Python client's order. */
export const BACKEND_DOMAINS = [
  AnnotationClient,
  DataCollectionClient,
  IntegrationClient,
  MLClient,
  HITLClient,
] as const;

/**
 * Every Synapse backend method on one client, flat, as the Synapse docs show it: `client.listTasks(…)`,
 * `client.createDataFile(…)`, `client.createChunkedUpload(…)`. The methods are the domain clients' own;
 * each domain package also works on its own with `@synapse/core`.
 *
 * ```ts
 * const client = new BackendClient({ baseUrl: 'https://api.synapse.example', apiToken: '…' });
 * const tasks = await client.listTasks({ project: 1 }, { listAll: true });
 * ```
 */
export class BackendClient extends CoreClient {
  static override readonly clientName: string = 'Backend';

  static {
    installMethods(BackendClient, BACKEND_DOMAINS);
  }
}

// The interface gives the class the domain methods' types and docs; the static block defines them.
export interface BackendClient
  extends AnnotationClient,
    DataCollectionClient,
    IntegrationClient,
    MLClient,
    HITLClient {}
