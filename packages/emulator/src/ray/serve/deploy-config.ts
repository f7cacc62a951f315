/** One application of a validated `PUT /api/serve/applications/` body. */
export interface AppConfig {
  name: string;
  route_prefix: string | null;
  import_path: string;
  deployments: Array<Record<string, unknown> & { name: string }>;
  /** The application exactly as submitted (Ray's `deployed_app_config`). */
  raw: Record<string, unknown>;
}

export interface DeployConfig {
  applications: AppConfig[];
  proxyLocation: string;
  httpOptions: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A pydantic-style validation error text, as Ray's Serve module returns with a 400. */
export class ServeConfigError extends Error {
  constructor(location: string, problem: string) {
    super(`1 validation error for ServeDeploySchema\n${location}\n  ${problem}`);
  }
}

function parseApp(raw: unknown, index: number): AppConfig {
  const where = (field: string) => `applications -> ${index} -> ${field}`;
  if (!isObject(raw))
    throw new ServeConfigError(
      `applications -> ${index}`,
      'value is not a valid dict (type=type_error.dict)',
    );
  const {
    import_path: importPath,
    name = 'default',
    route_prefix: routePrefix = '/',
    deployments = [],
  } = raw;
  if (typeof importPath !== 'string')
    throw new ServeConfigError(where('import_path'), 'field required (type=value_error.missing)');
  if (!/^[\w.]+(:[\w.]+|\.\w+)$/.test(importPath)) {
    throw new ServeConfigError(
      where('import_path'),
      `import_path "${importPath}" must be of the form "module.submodule:app" (type=value_error)`,
    );
  }
  if (typeof name !== 'string' || name === '')
    throw new ServeConfigError(where('name'), 'name must be a non-empty string (type=value_error)');
  if (
    routePrefix !== null &&
    (typeof routePrefix !== 'string' ||
      !routePrefix.startsWith('/') ||
      (routePrefix !== '/' && routePrefix.endsWith('/')))
  ) {
    throw new ServeConfigError(
      where('route_prefix'),
      `Invalid route_prefix "${String(routePrefix)}" (type=value_error)`,
    );
  }
  for (const key of ['host', 'port']) {
    if (key in raw)
      throw new ServeConfigError(where(key), 'extra fields not permitted (type=value_error.extra)');
  }
  if (!Array.isArray(deployments) || deployments.some((d) => !isObject(d) || typeof d.name !== 'string')) {
    throw new ServeConfigError(where('deployments'), 'each deployment needs a name (type=value_error)');
  }
  return {
    name,
    route_prefix: routePrefix as string | null,
    import_path: importPath,
    deployments: deployments as AppConfig['deployments'],
    raw,
  };
}

/** Validates a ServeDeploySchema body. */
export function parseDeployConfig(body: unknown): DeployConfig {
  if (!isObject(body))
    throw new ServeConfigError('__root__', 'value is not a valid dict (type=type_error.dict)');
  if (!Array.isArray(body.applications))
    throw new ServeConfigError('applications', 'field required (type=value_error.missing)');
  const applications = body.applications.map(parseApp);
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const app of applications) {
    if (names.has(app.name))
      throw new ServeConfigError(
        'applications',
        `Found multiple configs for applications with name ${app.name}. (type=value_error)`,
      );
    names.add(app.name);
    if (app.route_prefix !== null) {
      if (prefixes.has(app.route_prefix)) {
        throw new ServeConfigError(
          'applications',
          `Found duplicate applications for route prefix ${app.route_prefix}. (type=value_error)`,
        );
      }
      prefixes.add(app.route_prefix);
    }
  }
  return {
    applications,
    proxyLocation: typeof body.proxy_location === 'string' ? body.proxy_location : 'EveryNode',
    httpOptions: isObject(body.http_options) ? body.http_options : {},
  };
}
