import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@lw/domain';
import { Jurisdiction } from '@lw/hierarchy';
import { ASSESSMENT_SCALES, type AssessmentRecordedData, type AssessmentScale, type AssessmentSummary as Summary } from '../../domain/assessment';
import { AssessmentReadModel, type AssessmentFilter, type AssessmentRevision } from './assessment-read-model.port';

/*
 * Reads of assessments. Every village and scope must lie in the actor's area (the actor's node when
 * no scope is given); outside looks like not found.
 */

export class ListAssessments extends Query<AssessmentRecordedData[]> {
  constructor(readonly actor: Actor, readonly filter: Omit<AssessmentFilter, 'scope'> & { scope?: string }) {
    super();
  }
}

export class AssessmentSummary extends Query<Summary> {
  constructor(readonly actor: Actor, readonly scope: string | undefined, readonly period: string) {
    super();
  }
}

/** One village's history: every assessment and every correction, with who recorded it. */
export class AssessmentHistory extends Query<AssessmentRevision[]> {
  constructor(readonly actor: Actor, readonly villageCode: string) {
    super();
  }
}

/** The grading scales a form offers (team grades, member grades, classifications, minimum share of 群众代表): fixed, no state. */
export class AssessmentScales extends Query<{ items: AssessmentScale[] }> {}

function scopeOf(jurisdiction: Jurisdiction, actor: Actor, scope: string | undefined): string {
  const code = scope ?? actor.node;
  jurisdiction.require(actor, code, `区域 ${code} `);
  return code;
}

@Injectable()
@QueryHandler(ListAssessments)
export class ListAssessmentsHandler implements IQueryHandler<ListAssessments> {
  constructor(private readonly readModel: AssessmentReadModel, private readonly jurisdiction: Jurisdiction) {}

  execute({ actor, filter }: ListAssessments): Promise<AssessmentRecordedData[]> {
    return this.readModel.list({ ...filter, scope: scopeOf(this.jurisdiction, actor, filter.scope) });
  }
}

@Injectable()
@QueryHandler(AssessmentSummary)
export class AssessmentSummaryHandler implements IQueryHandler<AssessmentSummary> {
  constructor(private readonly readModel: AssessmentReadModel, private readonly jurisdiction: Jurisdiction) {}

  execute({ actor, scope, period }: AssessmentSummary): Promise<Summary> {
    return this.readModel.summary(scopeOf(this.jurisdiction, actor, scope), period);
  }
}

@Injectable()
@QueryHandler(AssessmentHistory)
export class AssessmentHistoryHandler implements IQueryHandler<AssessmentHistory> {
  constructor(private readonly readModel: AssessmentReadModel, private readonly jurisdiction: Jurisdiction) {}

  execute({ actor, villageCode }: AssessmentHistory): Promise<AssessmentRevision[]> {
    return this.readModel.history(scopeOf(this.jurisdiction, actor, villageCode));
  }
}

@Injectable()
@QueryHandler(AssessmentScales)
export class AssessmentScalesHandler implements IQueryHandler<AssessmentScales> {
  execute(): Promise<{ items: AssessmentScale[] }> {
    return Promise.resolve({ items: [...ASSESSMENT_SCALES.values()] });
  }
}

export const ASSESSMENT_QUERY_HANDLERS = [ListAssessmentsHandler, AssessmentSummaryHandler, AssessmentHistoryHandler, AssessmentScalesHandler];
