import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { randomUUID } from 'crypto';
import { CurrentActor, Roles } from '@lw/auth';
import { shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import {
  AddRecord,
  AssignRole,
  CloseInvestigation,
  EndHolding,
  EndRecord,
  ImportRoster,
  LinkRelative,
  OpenInvestigation,
  RecordAppraisal,
} from '../application/roster/roster.commands';
import { BasicSituationOf, PersonDetail, VillageRoster } from '../application/roster/roster.queries';
import { looksLikeRosterHeader, type Body as RosterBody } from '../domain/roster';
import { MAX_SHEET_BYTES, readSheet } from '../infrastructure/import';
import { basicSituationWorkbook } from '../infrastructure/roster/basic-situation-workbook';
import * as s from './roster.schemas';

const READERS = ['org_dept', 'township', 'discipline'] as const;
const WRITERS = ['org_dept', 'township'] as const;

interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
}

type Reply = { status(code: number): unknown; setHeader(k: string, v: string): void; end(b: Buffer): void };

/** The roster (两委花名册, /vetting/roster/…): import, persons and their facts, holdings, the basic situation. Scope is checked by the handlers. */
@Controller('roster')
export class RosterController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  /** Multipart: `file` (xlsx or csv), `mode`, `dryRun`, `date`. 422 with every bad row when all_or_nothing refuses. */
  @Post('import')
  @Roles(...WRITERS)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SHEET_BYTES, fields: 10, files: 1 }, defParamCharset: 'utf8' }))
  async import(@CurrentActor() actor: Actor, @Body() body: unknown, @UploadedFile() file: UploadedSheet | undefined, @Res({ passthrough: true }) res: Reply) {
    const fields = parseInput(s.importFieldsSchema, body ?? {}, s.ROSTER_FIELD_LABELS);
    if (!file) throw new BadRequestException({ statusCode: 400, code: 'validation', message: '请上传花名册文件（表单字段 file，Excel .xlsx 或 CSV）' });
    const sheet = await readSheet(file.buffer, file.originalname || '花名册', { isHeader: looksLikeRosterHeader });
    const result = await this.commands.execute(new ImportRoster(sheet, fields.mode, fields.dryRun, fields.date ?? shanghaiDateOf(new Date()), actor));
    if (!result.written && fields.mode === 'all_or_nothing' && result.refused.length) {
      res.status(422);
      return { statusCode: 422, code: 'roster.import_refused', ...result };
    }
    return result;
  }

  @Get('persons/:id')
  @Roles(...READERS)
  person(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new PersonDetail(actor, id));
  }

  @Get('villages/:code')
  @Roles(...READERS)
  village(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: unknown) {
    const q = parseInput(s.rosterDateSchema, query, s.ROSTER_FIELD_LABELS);
    return this.queries.execute(new VillageRoster(actor, code, q.date ?? shanghaiDateOf(new Date())));
  }

  @Post('persons/:id/records')
  @Roles(...WRITERS)
  @HttpCode(201)
  async addRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.recordSchema, body, s.ROSTER_FIELD_LABELS);
    const recordId = r.recordId ?? randomUUID();
    await this.commands.execute(new AddRecord(id, { recordId, text: r.kind, date: r.date, endsOn: r.endsOn ?? null, source: r.source ?? null }, actor));
    const view = await this.queries.execute(new PersonDetail(actor, id));
    return { personId: id, record: view.records.find((x) => x.recordId === recordId) ?? { recordId } };
  }

  @Post('persons/:id/records/:rid/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  async endRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('rid') rid: string, @Body() body: unknown) {
    const r = parseInput(s.endRecordSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new EndRecord(id, rid, r.endsOn, r.reason ?? null, actor));
    return { personId: id, recordId: rid, endsOn: r.endsOn };
  }

  @Post('persons/:id/appraisals')
  @Roles(...WRITERS)
  @HttpCode(201)
  async appraisal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const a = parseInput(s.appraisalSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new RecordAppraisal(id, a.year, a.grade, actor));
    return { personId: id, ...a };
  }

  @Post('persons/:id/relatives')
  @Roles(...WRITERS)
  @HttpCode(201)
  async relative(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.relativeSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new LinkRelative(id, r.relativeId, r.kind, actor));
    return { personId: id, ...r };
  }

  @Post('persons/:id/roles')
  @Roles(...WRITERS)
  @HttpCode(201)
  async role(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.roleSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new AssignRole(id, { role: r.role, villageCode: r.villageCode, since: r.since, until: r.until ?? null }, actor));
    return { personId: id, ...r };
  }

  @Post('persons/:id/investigations')
  @Roles(...WRITERS)
  @HttpCode(201)
  async openInvestigation(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const i = parseInput(s.investigationSchema, body, s.ROSTER_FIELD_LABELS);
    const investigationId = i.investigationId ?? randomUUID();
    await this.commands.execute(new OpenInvestigation(id, { investigationId, since: i.since, source: i.source ?? null }, actor));
    return { personId: id, investigationId, since: i.since };
  }

  @Post('persons/:id/investigations/:iid/close')
  @Roles(...WRITERS)
  @HttpCode(200)
  async closeInvestigation(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('iid') iid: string, @Body() body: unknown) {
    const c = parseInput(s.closeInvestigationSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new CloseInvestigation(id, iid, c.closedOn, c.conclusion ?? null, actor));
    return { personId: id, investigationId: iid, closedOn: c.closedOn };
  }

  /** 离任: ends one post of one person in a village from `on`. */
  @Post('villages/:code/holdings/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  async endHolding(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: unknown) {
    const h = parseInput(s.endHoldingSchema, body, s.ROSTER_FIELD_LABELS);
    await this.commands.execute(new EndHolding({ villageCode: code, personId: h.personId, body: h.body as RosterBody, post: h.post, on: h.on }, actor));
    return { villageCode: code, ...h };
  }

  @Get('basic-situation')
  @Roles(...READERS)
  async basicSituation(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.basicSituationSchema, query, s.ROSTER_FIELD_LABELS);
    const { figures, scopeName } = await this.queries.execute(new BasicSituationOf(actor, q));
    return { ...figures, scopeName, lastElectionDate: q.lastElectionDate };
  }

  @Get('basic-situation.xlsx')
  @Roles(...READERS)
  async basicSituationXlsx(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: Reply) {
    const q = parseInput(s.basicSituationSchema, query, s.ROSTER_FIELD_LABELS);
    const { figures, scopeName } = await this.queries.execute(new BasicSituationOf(actor, q));
    const book = await basicSituationWorkbook(figures, scopeName, q.lastElectionDate as LocalDate);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${scopeName}两委基本情况-${q.date}.xlsx`)}`);
    res.end(book);
  }
}
