import type { Actor } from '@lw/domain';
import type { Projector } from '@lw/eventstore';
import type { AssessmentCommands } from '../../application/assessment/assessment-commands';
import type { CountyTargetsQuery } from '../../application/assessment/county-targets-query';
import type { AssessmentReadModel } from './assessment-read-model';

/** What the assessment and targets controllers use (provided by assessmentRuntime). */
export class Assessments {
  constructor(
    readonly commands: AssessmentCommands,
    readonly readModel: AssessmentReadModel,
    readonly targets: CountyTargetsQuery,
    readonly projector: Projector,
    private readonly inside: (code: string, node: string) => boolean,
  ) {}

  /** The code is the actor's node or lies below it (unknown codes are outside). */
  inScope(actor: Pick<Actor, 'node'>, code: string): boolean {
    return this.inside(code, actor.node);
  }
}
