import { HashingBusyError, HashingGate } from './hashing-gate';

describe('HashingGate', () => {
  it('runs at most `running` at once, queues `waiting`, refuses the rest at once', async () => {
    const gate = new HashingGate(2, 3);
    let active = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<void>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        releases.push(() => {
          active--;
          resolve();
        });
      });
    const runs = Array.from({ length: 5 }, () => gate.run(work));
    await expect(gate.run(work)).rejects.toBeInstanceOf(HashingBusyError);
    // Release in turn until all five ran.
    for (let done = 0; done < 5; done++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      releases.shift()!();
    }
    await Promise.all(runs);
    expect(peak).toBe(2);
    // Free again.
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
  });
});
