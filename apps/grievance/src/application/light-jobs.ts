import type { CommandBus } from '@nestjs/cqrs';
import { deadlineJobId, type JobScheduler, type JobTransaction } from '@lw/jobs';
import type { CaseDeadline } from '../domain';
import { FlagCaseRed, FlagCaseYellow } from './case.commands';

export const YELLOW_JOB = 'grievance.case-yellow';
export const RED_JOB = 'grievance.case-red';

interface LightJobPayload {
  caseId: string;
  endsAt: string;
}

/**
 * Traffic lights through the jobs port: a yellow job at the first yellow day and a red job when the
 * limit ends. Ids name the case and the limit's end, so scheduling from a replayed event is a no-op,
 * and a changed limit gets new jobs while the old ones find their limit superseded and do nothing.
 * The ledger computes the light at read time as well; the jobs record it (and escalate).
 */
export class LightJobs {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly commands: () => CommandBus,
  ) {}

  register(): void {
    this.jobs.register<LightJobPayload>(YELLOW_JOB, async ({ payload }) => {
      await this.commands().execute(new FlagCaseYellow(payload.caseId, payload.endsAt));
    });
    this.jobs.register<LightJobPayload>(RED_JOB, async ({ payload }) => {
      await this.commands().execute(new FlagCaseRed(payload.caseId, payload.endsAt));
    });
  }

  /** Within `tx` (the ledger projection's transaction): a rolled-back batch schedules nothing. */
  async schedule(caseId: string, deadline: CaseDeadline, tx?: JobTransaction): Promise<void> {
    const end = Date.parse(deadline.endsAt);
    const payload: LightJobPayload = { caseId, endsAt: deadline.endsAt };
    await this.jobs.schedule({ id: deadlineJobId('case', caseId, 'yellow', end), name: YELLOW_JOB, runAt: new Date(deadline.yellowAt), payload }, tx);
    await this.jobs.schedule({ id: deadlineJobId('case', caseId, 'red', end), name: RED_JOB, runAt: new Date(end), payload }, tx);
  }
}
