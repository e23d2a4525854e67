import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import {
  applyForClosing,
  changeDeadline,
  changeResponsible,
  closeCase,
  completeMilestone,
  noteProgress,
  reopenCase,
  returnCase,
  type CaseContext,
  type CaseEvent,
  type CaseState,
} from '../domain';
import { newCaseId } from '../application/case-ids';
import { caseNotFound } from '../application/case-stream';
import { Grievance } from '../infrastructure/grievance-runtime';
import { caseDetailView, caseSummary } from './case.view';
import * as s from './case.schemas';

const READERS = ['township', 'org_dept', 'discipline', 'liaison', 'auditor'] as const;
/** Who enters cases by hand and reviews closings: the township for its villages, county roles above. */
const SUPERIORS = ['township', 'org_dept', 'discipline'] as const;
/** Who does the rectification work and applies for closing. */
const WORKERS = ['liaison', 'township'] as const;
/** Who may move a limit (with a reason): county roles only. */
const DEADLINE_SETTERS = ['org_dept', 'discipline'] as const;

/**
 * Cases (/grievance/cases…): open by hand, detail, and each step of the lifecycle. Every step checks the
 * case lies in the user's subtree (404 otherwise) and records the actor on its event.
 */
@Controller('cases')
export class CasesController {
  constructor(private readonly g: Grievance) {}

  private async step(id: string, actor: Actor, decide: (st: CaseState, c: CaseContext) => CaseEvent[], expectedVersion?: number) {
    const { state, version } = await this.g.commands.run(id, actor, decide, { expectedVersion });
    return caseSummary(state, version);
  }

  @Post()
  @Roles(...SUPERIORS)
  @HttpCode(201)
  async open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const b = parseInput(s.openCaseSchema, body, s.CASE_FIELD_LABELS);
    if (!this.g.placement.isKnownVillage(b.villageCode)) {
      throw new DomainValidationError('case.unknown_village', '村/社区代码不存在或不在本系统管辖范围内', `unknown village ${b.villageCode}`);
    }
    const village = this.g.placement.normalize(b.villageCode)!;
    if (!this.g.covers(actor, village)) throw caseNotFound(`village ${village} outside ${actor.node}`);
    const liaison = b.responsiblePerson ? null : await this.g.liaisons.liaisonOf(village);
    const person = b.responsiblePerson ? { name: b.responsiblePerson.name, post: b.responsiblePerson.post ?? null } : liaison ? { name: liaison.name, post: liaison.post } : null;
    const state = await this.g.commands.open(
      {
        caseId: newCaseId(),
        villageCode: village,
        townshipCode: this.g.placement.townshipOf(village)?.code ?? null,
        source: { kind: b.source, ref: b.sourceRef ?? null },
        category: b.category,
        severity: b.severity,
        description: b.description,
        measures: b.measures,
        responsibleUnit: b.responsibleUnit ?? this.g.placement.defaultUnit(village),
        responsiblePerson: person,
        startOn: b.startOn as LocalDate | undefined,
        workingDays: b.workingDays,
        due: b.due as LocalDate | undefined,
        milestones: b.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null })),
      },
      actor,
    );
    return caseSummary(state, 1);
  }

  @Get(':id')
  @Roles(...READERS)
  async detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { state, version, events } = await this.g.commands.view(id, actor);
    return caseDetailView(state, version, events);
  }

  @Post(':id/progress')
  @Roles(...WORKERS)
  @HttpCode(201)
  async progress(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.noteSchema, body, s.CASE_FIELD_LABELS);
    const noteId = newCaseId();
    return this.step(id, actor, (st, c) => noteProgress(st, noteId, b.text, b.attachments, c));
  }

  @Post(':id/milestones/:mid/complete')
  @Roles(...WORKERS)
  @HttpCode(200)
  async milestone(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('mid') mid: string) {
    return this.step(id, actor, (st, c) => completeMilestone(st, mid, c));
  }

  /** 申请销号. */
  @Post(':id/apply')
  @Roles(...WORKERS)
  @HttpCode(200)
  async apply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.applySchema, body, s.CASE_FIELD_LABELS);
    return this.step(id, actor, (st, c) => applyForClosing(st, b.evidence, b.attachments, actor.userId, c), b.expectedVersion);
  }

  /** 审核销号: the superior closes it. */
  @Post(':id/close')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  async close(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.closeSchema, body, s.CASE_FIELD_LABELS);
    return this.step(id, actor, (st, c) => closeCase(st, b.summary, actor.userId, c), b.expectedVersion);
  }

  /** 退回整改, with reasons. */
  @Post(':id/return')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  async sendBack(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.returnSchema, body, s.CASE_FIELD_LABELS);
    return this.step(id, actor, (st, c) => returnCase(st, b.reasons, actor.userId, c), b.expectedVersion);
  }

  /** 反弹回潮: a closed case reopens with a new limit. */
  @Post(':id/reopen')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  async reopen(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.reopenSchema, body, s.CASE_FIELD_LABELS);
    return this.step(id, actor, (st, c) => reopenCase(st, b.reason, { workingDays: b.workingDays, due: b.due as LocalDate | undefined }, c), b.expectedVersion);
  }

  /** 调整整改时限: county roles, with a reason. */
  @Post(':id/deadline')
  @Roles(...DEADLINE_SETTERS)
  @HttpCode(200)
  async deadline(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.deadlineSchema, body, s.CASE_FIELD_LABELS);
    return this.step(id, actor, (st, c) => changeDeadline(st, b.reason, { workingDays: b.workingDays, due: b.due as LocalDate | undefined }, c), b.expectedVersion);
  }

  @Post(':id/responsible')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  async responsible(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.responsibleSchema, body, s.CASE_FIELD_LABELS);
    const person = b.responsiblePerson ? { name: b.responsiblePerson.name, post: b.responsiblePerson.post ?? null } : null;
    return this.step(id, actor, (st, c) => changeResponsible(st, b.responsibleUnit, person, b.reason, c));
  }
}
