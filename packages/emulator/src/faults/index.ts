export { registerFaultControl } from './control.js';
export { faultMiddleware } from './middleware.js';
export { type FaultInfo, FaultRegistry, type FaultRule, type ServiceName, validateRule } from './rules.js';
