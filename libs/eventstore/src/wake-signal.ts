/**
 * An interruptible sleep for polling loops: wake() ends the current wait early, or the next one
 * at once if nobody is waiting, so a notification that arrives mid-work is not lost. Backoff
 * waits are not wakeable (a notification must not defeat the backoff), but stop() interrupts all.
 */
export class WakeSignal {
  private pending = false;
  private finish: (() => void) | null = null;
  private wakeable = false;

  wait(ms: number, wakeable = true): Promise<void> {
    if (wakeable && this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish?.(), ms);
      this.wakeable = wakeable;
      this.finish = () => {
        clearTimeout(timer);
        this.finish = null;
        resolve();
      };
    });
  }

  wake(): void {
    if (this.finish && this.wakeable) {
      this.pending = false;
      this.finish();
    } else {
      this.pending = true;
    }
  }

  interrupt(): void {
    this.finish?.();
  }
}
