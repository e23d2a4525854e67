// The scenario's process starter, HTTP client and users, reused as they are. tools/scenario is no
// npm package (no package.json, so no @lw/ name), so it can only be reached by path: the one place
// the module-boundary rule is waived for it.
/* eslint-disable @nx/enforce-module-boundaries */
export { ScenarioClient, eventually, type ServiceUrls } from '../../scenario/src/client';
export { startServiceProcess, type ServiceProcess } from '../../scenario/src/processes';
export { mintUsers, type Users } from '../../scenario/src/users';
export { Cleanup as Undo, clearQueues, withDeadline } from '../../scenario/src/distributed';
