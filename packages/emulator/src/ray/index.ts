import { Hono } from 'hono';
import type { EmulatedService, ServiceContext } from '../shared/service.js';

/** The emulated Ray service. */
export function createRayService(_context: ServiceContext): EmulatedService {
  return { app: new Hono() };
}
