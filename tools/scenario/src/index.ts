// What the fault tests and the benchmarks reuse of the scenario: starting the services as processes,
// the HTTP client, the users, the tip path.
export { ScenarioClient, type ServiceUrls } from './client';
export { Cleanup, serviceProcessEnv, startDistributedProduct, withDeadline } from './distributed';
export { startServiceProcess, type ServiceProcess } from './processes';
export { tipFlow, type TipFlow } from './tip-flow';
export { loginDemoUsers, mintUsers, type Users } from './users';
