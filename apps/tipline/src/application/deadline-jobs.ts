import { deadlineJobId, type JobScheduler } from '@lw/jobs';
import { reminderAt, type DeadlineKind, type TipDeadline, type TipPolicy } from '../domain';
import type { CommandBus } from '@nestjs/cqrs';
import { FlagDeadline } from './tip.commands';

export const REMIND_JOB = 'tipline.deadline-remind';
export const OVERDUE_JOB = 'tipline.deadline-overdue';

interface DeadlineJobPayload {
  tipId: string;
  kind: DeadlineKind;
  endsAt: string;
}

/**
 * Reminders before and overdue flags after each time limit, through the jobs port. Job ids name the
 * tip, the limit and its end, so scheduling is idempotent (a projection replay schedules nothing new)
 * and an extended limit gets new jobs while the old ones find their limit superseded and do nothing.
 */
export class DeadlineJobs {
  constructor(
    private readonly jobs: JobScheduler,
    /** The service's command bus (it exists once the kernel started; jobs run after). */
    private readonly commands: () => CommandBus,
    private readonly policy: TipPolicy,
  ) {}

  register(): void {
    this.jobs.register<DeadlineJobPayload>(REMIND_JOB, async ({ payload }) => {
      await this.commands().execute(new FlagDeadline(payload.tipId, 'DeadlineReminded', payload.kind, payload.endsAt));
    });
    this.jobs.register<DeadlineJobPayload>(OVERDUE_JOB, async ({ payload }) => {
      await this.commands().execute(new FlagDeadline(payload.tipId, 'DeadlineOverdue', payload.kind, payload.endsAt));
    });
  }

  async schedule(tipId: string, deadlines: readonly TipDeadline[]): Promise<void> {
    for (const d of deadlines) {
      const payload: DeadlineJobPayload = { tipId, kind: d.kind, endsAt: d.endsAt };
      const end = Date.parse(d.endsAt);
      await this.jobs.schedule({ id: deadlineJobId('tip', tipId, d.kind, 'remind', end), name: REMIND_JOB, runAt: reminderAt(d, this.policy), payload });
      await this.jobs.schedule({ id: deadlineJobId('tip', tipId, d.kind, 'overdue', end), name: OVERDUE_JOB, runAt: new Date(end), payload });
    }
  }
}
