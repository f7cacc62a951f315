import { setGlobalDispatcher } from 'undici';
import { guardConnections } from './connect-guard.js';
import { NetworkMock, type NetworkRequest } from './network-mock.js';

/** An answer set up with `MockApi.on`, and how often it was used. */
export interface Answer {
  method: string;
  url: string;
  times: number;
  used: number;
}

/** `METHOD url (used of times)`, as failures name an answer. */
export function describeAnswer(answer: Answer): string {
  return `${answer.method} ${answer.url} (used ${answer.used} of ${answer.times})`;
}

let blocked = false;
/** The installed mock and the answers set up on it since the last reset. */
let current: { mock: NetworkMock; answers: Answer[] } | undefined;

function network(): { mock: NetworkMock; answers: Answer[] } {
  if (!current) {
    const mock = new NetworkMock(() => blocked);
    setGlobalDispatcher(mock);
    current = { mock, answers: [] };
  }
  return current;
}

/** The network mock, installed as undici's global dispatcher on first use (fetch sends through it too). */
export function networkMock(): NetworkMock {
  return network().mock;
}

/** Counts an answer in `pendingAnswers` until the next reset. */
export function trackAnswer(answer: Answer): void {
  network().answers.push(answer);
}

/** Blocks every real connection except loopback (the emulator). Call in `beforeAll`. */
export function blockNetwork(): void {
  blocked = true;
  guardConnections((target) => network().mock.requests.push({ method: 'CONNECT', url: `tcp://${target}` }));
  network();
}

/**
 * Removes every interceptor and forgets every request seen: a new mock takes the old one's place. Call in
 * `afterEach`.
 */
export function resetNetwork(): void {
  const previous = current;
  if (!previous) return;
  current = undefined;
  network();
  // It waits for requests still under way on it; nothing new reaches it.
  void previous.mock.close();
}

/**
 * Every request that reached the network layer since the last reset: each one sent through the dispatcher
 * (answered, refused or sent on), and each socket another client (`node:http`, `ws`) tried to open to a host
 * that is not loopback, as `CONNECT tcp://host:port`.
 */
export function networkRequests(): NetworkRequest[] {
  return [...(current?.mock.requests ?? [])];
}

/** The answers set up with `MockApi.on` since the last reset and not used up, described. */
export function pendingAnswers(): string[] {
  return (current?.answers ?? []).filter((answer) => answer.used < answer.times).map(describeAnswer);
}
