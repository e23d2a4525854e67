import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor, LocalDate } from '@lw/domain';
import { Returns, ValidBody } from '@lw/runtime';
import {
  ApplyForClosing,
  ChangeDeadline,
  ChangeResponsible,
  CloseCase,
  CompleteMilestone,
  NoteProgress,
  OpenCase,
  ReopenCase,
  ReturnCase,
} from '../application/case.commands';
import type { CaseRecord } from '../application/case-recorder';
import { CaseDetail } from '../application/case.queries';
import { caseDetailView, caseSummary } from './case.view';
import * as s from './case.schemas';
import * as v from './case-views.schemas';

const READERS = ['township', 'org_dept', 'discipline', 'liaison', 'auditor'] as const;
/** Who enters cases by hand and reviews closings: the township for its villages, county roles above. */
const SUPERIORS = ['township', 'org_dept', 'discipline'] as const;
/** Who does the rectification work and applies for closing. */
const WORKERS = ['liaison', 'township'] as const;
/** Who may move a limit (with a reason): county roles only. */
const DEADLINE_SETTERS = ['org_dept', 'discipline'] as const;

const summary = ({ state, version }: CaseRecord) => caseSummary(state, version);

/**
 * Cases (/grievance/cases…): open by hand, detail, and each step of the lifecycle. The handlers check
 * the case lies in the user's subtree (404 otherwise) and record the actor on its events.
 */
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...SUPERIORS)
  @HttpCode(201)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '录入整改事项（“回头看”检查、民主测评、群众诉求）' })
  async open(@CurrentActor() actor: Actor, @ValidBody(s.openCaseSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.openCaseSchema>) {
    const opened = await this.commands.execute(
      new OpenCase(actor, {
        villageCode: b.villageCode,
        source: { kind: b.source, ref: b.sourceRef ?? null },
        category: b.category,
        severity: b.severity,
        description: b.description,
        measures: b.measures,
        responsibleUnit: b.responsibleUnit,
        responsiblePerson: b.responsiblePerson ? { name: b.responsiblePerson.name, post: b.responsiblePerson.post ?? null } : null,
        startOn: b.startOn as LocalDate | undefined,
        workingDays: b.workingDays,
        due: b.due as LocalDate | undefined,
        milestones: b.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null })),
      }),
    );
    return summary(opened);
  }

  @Get(':id')
  @Roles(...READERS)
  @Returns(v.caseDetailView)
  @ApiOperation({ summary: '整改事项详情及办理记录' })
  async detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { state, version, events } = await this.queries.execute(new CaseDetail(id, actor));
    return caseDetailView(state, version, events);
  }

  @Post(':id/progress')
  @Roles(...WORKERS)
  @HttpCode(201)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '记录整改进展' })
  async progress(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.noteSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.noteSchema>) {
    return summary(await this.commands.execute(new NoteProgress(id, actor, b)));
  }

  @Post(':id/milestones/:mid/complete')
  @Roles(...WORKERS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '完成整改节点' })
  async milestone(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('mid') mid: string) {
    return summary(await this.commands.execute(new CompleteMilestone(id, actor, { milestoneId: mid })));
  }

  /** 申请销号. */
  @Post(':id/apply')
  @Roles(...WORKERS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '申请销号' })
  async apply(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.applySchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.applySchema>) {
    return summary(await this.commands.execute(new ApplyForClosing(id, actor, b)));
  }

  /** 审核销号: the superior closes it. */
  @Post(':id/close')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '审核销号' })
  async close(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.closeSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.closeSchema>) {
    return summary(await this.commands.execute(new CloseCase(id, actor, b)));
  }

  /** 退回整改, with reasons. */
  @Post(':id/return')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '退回整改' })
  async sendBack(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.returnSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.returnSchema>) {
    return summary(await this.commands.execute(new ReturnCase(id, actor, b)));
  }

  /** 反弹回潮: a closed case reopens with a new limit. */
  @Post(':id/reopen')
  @Roles(...SUPERIORS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '反弹回潮，重新整改' })
  async reopen(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.reopenSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.reopenSchema>) {
    return summary(await this.commands.execute(new ReopenCase(id, actor, { ...b, due: b.due as LocalDate | undefined })));
  }

  /** 调整整改时限: county roles, with a reason. */
  @Post(':id/deadline')
  @Roles(...DEADLINE_SETTERS)
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '调整整改时限' })
  async deadline(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.deadlineSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.deadlineSchema>) {
    return summary(await this.commands.execute(new ChangeDeadline(id, actor, { ...b, due: b.due as LocalDate | undefined })));
  }

  @Post(':id/responsible')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  @Returns(v.caseSummaryView)
  @ApiOperation({ summary: '变更责任单位或第一责任人' })
  async responsible(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.responsibleSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.responsibleSchema>) {
    const person = b.responsiblePerson ? { name: b.responsiblePerson.name, post: b.responsiblePerson.post ?? null } : null;
    return summary(await this.commands.execute(new ChangeResponsible(id, actor, { responsibleUnit: b.responsibleUnit, responsiblePerson: person, reason: b.reason })));
  }
}
