// The scenario's distributed product (processes, balancer), client, users and tip path, reused as
// they are. tools/scenario is no npm package (no package.json, so no @lw/ name), so it can only be
// reached by path: the one place in the bench the module-boundary rule is waived for it.
/* eslint-disable @nx/enforce-module-boundaries */
export { ScenarioClient } from '../../scenario/src/client';
export { Cleanup, startDistributedProduct } from '../../scenario/src/distributed';
export { tipFlow, type TipFlow } from '../../scenario/src/tip-flow';
export { loginDemoUsers, mintUsers, type Users } from '../../scenario/src/users';
