import { Hono } from 'hono';
import type { EmulatedService, ServiceContext } from '../shared/service.js';

/** The emulated Agent service. */
export function createAgentService(_context: ServiceContext): EmulatedService {
  return { app: new Hono() };
}
