/** One of the emulated services, as fault rules and ports name them. */
export type ServiceName = 'backend' | 'agent' | 'ray';

/** One injected fault. Every given condition must match; the first matching rule that fires wins. */
export interface FaultRule {
  /** Which emulated service; all three when omitted. */
  service?: ServiceName;
  /** HTTP method (any case); every method when omitted. */
  method?: string;
  /** Request path: a glob (`*` matches any characters, `/` included), e.g. `/chunked_upload/*`, or a RegExp. */
  path: string | RegExp;
  /** Reply with this status and `{"detail": "Injected fault"}` instead of handling the request. */
  status?: number;
  /** Fire for the next N matching requests only; the rule is removed afterwards. */
  times?: number;
  /** Fire for this fraction (0..1) of matching requests. */
  rate?: number;
  /** Seed for `rate`: the same seed gives the same fire/skip sequence. Random when omitted. */
  seed?: number;
  /** Adds `Retry-After: <seconds>` to the injected reply (use with status 429 or 503). */
  retryAfter?: number;
  /** Waits this long before going on (alone: a slow but normal reply). */
  latencyMs?: number;
  /**
   * `request`: destroy the connection before any reply (the request is not handled).
   * `response`: handle the request (or use `status`), send the headers and part of the body, then destroy.
   */
  drop?: 'request' | 'response';
}

/** A registered rule as listed: the rule plus its id and how often it fired. */
export interface FaultInfo extends Omit<FaultRule, 'path'> {
  id: string;
  /** Glob paths as given; RegExp paths as `/source/flags`. */
  path: string;
  /** Times the rule fired so far. */
  hits: number;
}

/** What a fired rule asks the middleware to do. */
export type FiredFault = Pick<FaultRule, 'status' | 'retryAfter' | 'latencyMs' | 'drop'> & { id: string };

interface Entry {
  id: string;
  rule: FaultRule;
  pattern: RegExp;
  remaining: number | undefined;
  random: () => number;
  hits: number;
}

/** mulberry32: a tiny seeded PRNG, so a seeded `rate` gives a repeatable sequence. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function globToRegExp(glob: string): RegExp {
  const normalized = glob.startsWith('/') || glob.startsWith('*') ? glob : `/${glob}`;
  const source = normalized
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Throws a TypeError describing the first invalid field. */
export function validateRule(rule: FaultRule): void {
  const fail = (message: string): never => {
    throw new TypeError(`Invalid fault rule: ${message}`);
  };
  if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp))
    fail('path must be a string or a RegExp');
  if (rule.service !== undefined && !['backend', 'agent', 'ray'].includes(rule.service)) {
    fail('service must be backend, agent or ray');
  }
  if (rule.method !== undefined && typeof rule.method !== 'string') fail('method must be a string');
  const { status } = rule;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    fail('status must be an integer from 200 to 599');
  }
  if (rule.times !== undefined && !isCount(rule.times)) fail('times must be a positive integer');
  if (rule.rate !== undefined && !(typeof rule.rate === 'number' && rule.rate >= 0 && rule.rate <= 1)) {
    fail('rate must be a number from 0 to 1');
  }
  if (rule.retryAfter !== undefined && !(typeof rule.retryAfter === 'number' && rule.retryAfter >= 0)) {
    fail('retryAfter must be a number of seconds');
  }
  if (rule.latencyMs !== undefined && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
    fail('latencyMs must be a non-negative number');
  }
  if (rule.drop !== undefined && rule.drop !== 'request' && rule.drop !== 'response') {
    fail('drop must be "request" or "response"');
  }
  if (status === undefined && rule.drop === undefined && rule.latencyMs === undefined) {
    fail('give at least one of status, drop or latencyMs');
  }
}

/** The fault rules of one emulator, shared by the three services. */
export class FaultRegistry {
  #entries: Entry[] = [];
  #nextId = 1;

  add(rule: FaultRule): string {
    validateRule(rule);
    const id = `fault-${this.#nextId++}`;
    const pattern = typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path;
    const random = rule.seed === undefined ? Math.random : seededRandom(rule.seed);
    this.#entries.push({ id, rule: { ...rule }, pattern, remaining: rule.times, random, hits: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter((entry) => entry.id !== id);
    return this.#entries.length < before;
  }

  clear(): void {
    this.#entries = [];
  }

  list(): FaultInfo[] {
    return this.#entries.map(({ id, rule, remaining, hits }) => ({
      ...rule,
      id,
      path: typeof rule.path === 'string' ? rule.path : String(rule.path),
      ...(remaining === undefined ? {} : { times: remaining }),
      hits,
    }));
  }

  /** Finds the rule that fires for this request and counts the hit; undefined when none does. */
  take(service: ServiceName, method: string, path: string): FiredFault | undefined {
    for (const entry of this.#entries) {
      const { rule } = entry;
      if (rule.service && rule.service !== service) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      entry.pattern.lastIndex = 0;
      if (!entry.pattern.test(path)) continue;
      if (rule.rate !== undefined && entry.random() >= rule.rate) continue;
      entry.hits++;
      if (entry.remaining !== undefined && --entry.remaining <= 0) this.remove(entry.id);
      return {
        id: entry.id,
        status: rule.status,
        retryAfter: rule.retryAfter,
        latencyMs: rule.latencyMs,
        drop: rule.drop,
      };
    }
    return undefined;
  }
}
