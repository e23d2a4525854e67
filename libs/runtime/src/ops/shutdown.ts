/**
 * Runs the shutdown steps in order, each even when an earlier one failed (a pool must still be
 * closed after a consumer failed to disconnect), and reports the failures instead of hiding them.
 */
export async function runShutdownSteps(steps: readonly [string, () => Promise<unknown>][], onFailure: (step: string, err: Error) => void): Promise<void> {
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (err) {
      onFailure(name, err as Error);
    }
  }
}
