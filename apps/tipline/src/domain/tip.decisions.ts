// The tip aggregate's decisions: receiving a tip (its input checked, its limits started) and each handling step.
export * from './tip-receipt.decisions';
export * from './tip-handling.decisions';
