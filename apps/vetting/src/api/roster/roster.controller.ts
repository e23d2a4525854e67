import { BadRequestException, Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import { shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { Returns, ValidBody, ValidQuery } from '@lw/runtime';
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
} from '../../application/roster/roster.commands';
import { BasicSituationOf, PersonDetail, VillageRoster } from '../../application/roster/roster.queries';
import { looksLikeRosterHeader, type Body as RosterBody } from '../../domain/roster';
import { MAX_SHEET_BYTES, readSheet } from '../../infrastructure/import';
import { basicSituationWorkbook } from '../../infrastructure/roster/basic-situation-workbook';
import * as s from './roster.schemas';
import * as v from './roster-views.schemas';

const READERS = ['org_dept', 'township', 'discipline'] as const;
const WRITERS = ['org_dept', 'township'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const L = s.ROSTER_FIELD_LABELS;

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
  @ApiConsumes('multipart/form-data')
  @Returns(v.importResultView)
  @Returns(v.importRefusedView, 422, '有错全不导入：本次未写入，列出每一行问题')
  @ApiOperation({ summary: '导入两委花名册（Excel 或 CSV，表单字段 file）' })
  async import(
    @CurrentActor() actor: Actor,
    @ValidBody(s.importFieldsSchema, L, { from: (b) => b ?? {} }) fields: z.infer<typeof s.importFieldsSchema>,
    @UploadedFile() file: UploadedSheet | undefined,
    @Res({ passthrough: true }) res: Reply,
  ) {
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
  @Returns(v.personView)
  @ApiOperation({ summary: '人员详情（身份证号脱敏）' })
  person(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new PersonDetail(actor, id));
  }

  @Get('villages/:code')
  @Roles(...READERS)
  @Returns(v.villageRosterView)
  @ApiOperation({ summary: '村（社区）两委班子名单（某日在任）' })
  village(@CurrentActor() actor: Actor, @Param('code') code: string, @ValidQuery(s.rosterDateSchema, L) q: z.infer<typeof s.rosterDateSchema>) {
    return this.queries.execute(new VillageRoster(actor, code, q.date ?? shanghaiDateOf(new Date())));
  }

  @Post('persons/:id/records')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.recordAddedView)
  @ApiOperation({ summary: '登记处分或其他记录' })
  async addRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.recordSchema, L) r: z.infer<typeof s.recordSchema>) {
    const recordId = r.recordId ?? randomUUID();
    await this.commands.execute(new AddRecord(id, { recordId, text: r.kind, date: r.date, endsOn: r.endsOn ?? null, source: r.source ?? null }, actor));
    const view = await this.queries.execute(new PersonDetail(actor, id));
    return { personId: id, record: view.records.find((x) => x.recordId === recordId) ?? { recordId } };
  }

  @Post('persons/:id/records/:rid/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.recordEndedView)
  @ApiOperation({ summary: '记录影响期截止（如处分期满、问题整改到位）' })
  async endRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('rid') rid: string, @ValidBody(s.endRecordSchema, L) r: z.infer<typeof s.endRecordSchema>) {
    await this.commands.execute(new EndRecord(id, rid, r.endsOn, r.reason ?? null, actor));
    return { personId: id, recordId: rid, endsOn: r.endsOn };
  }

  @Post('persons/:id/appraisals')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.appraisalView)
  @ApiOperation({ summary: '登记年度考核等次' })
  async appraisal(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.appraisalSchema, L) a: z.infer<typeof s.appraisalSchema>) {
    await this.commands.execute(new RecordAppraisal(id, a.year, a.grade, actor));
    return { personId: id, ...a };
  }

  @Post('persons/:id/relatives')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.relativeView)
  @ApiOperation({ summary: '登记近亲属关系' })
  async relative(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.relativeSchema, L) r: z.infer<typeof s.relativeSchema>) {
    await this.commands.execute(new LinkRelative(id, r.relativeId, r.kind, actor));
    return { personId: id, ...r };
  }

  @Post('persons/:id/roles')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.roleView)
  @ApiOperation({ summary: '登记两委以外的村级职务（如会计、报账员）' })
  async role(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.roleSchema, L) r: z.infer<typeof s.roleSchema>) {
    await this.commands.execute(new AssignRole(id, { role: r.role, villageCode: r.villageCode, since: r.since, until: r.until ?? null }, actor));
    return { personId: id, ...r };
  }

  @Post('persons/:id/investigations')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.investigationOpenedView)
  @ApiOperation({ summary: '登记立案审查调查' })
  async openInvestigation(@CurrentActor() actor: Actor, @Param('id') id: string, @ValidBody(s.investigationSchema, L) i: z.infer<typeof s.investigationSchema>) {
    const investigationId = i.investigationId ?? randomUUID();
    await this.commands.execute(new OpenInvestigation(id, { investigationId, since: i.since, source: i.source ?? null }, actor));
    return { personId: id, investigationId, since: i.since };
  }

  @Post('persons/:id/investigations/:iid/close')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.investigationClosedView)
  @ApiOperation({ summary: '审查调查办结' })
  async closeInvestigation(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('iid') iid: string,
    @ValidBody(s.closeInvestigationSchema, L) c: z.infer<typeof s.closeInvestigationSchema>,
  ) {
    await this.commands.execute(new CloseInvestigation(id, iid, c.closedOn, c.conclusion ?? null, actor));
    return { personId: id, investigationId: iid, closedOn: c.closedOn };
  }

  /** 离任: ends one post of one person in a village from `on`. */
  @Post('villages/:code/holdings/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.holdingEndedView)
  @ApiOperation({ summary: '离任：结束某人在村（社区）的一个职务' })
  async endHolding(@CurrentActor() actor: Actor, @Param('code') code: string, @ValidBody(s.endHoldingSchema, L) h: z.infer<typeof s.endHoldingSchema>) {
    await this.commands.execute(new EndHolding({ villageCode: code, personId: h.personId, body: h.body as RosterBody, post: h.post, on: h.on }, actor));
    return { villageCode: code, ...h };
  }

  @Get('basic-situation')
  @Roles(...READERS)
  @Returns(v.basicSituationView)
  @ApiOperation({ summary: '两委班子基本情况（统计范围、统计日期）' })
  async basicSituation(@CurrentActor() actor: Actor, @ValidQuery(s.basicSituationSchema, L) q: z.infer<typeof s.basicSituationSchema>) {
    const { figures, scopeName } = await this.queries.execute(new BasicSituationOf(actor, q));
    return { ...figures, scopeName, lastElectionDate: q.lastElectionDate };
  }

  @Get('basic-situation.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX)
  @ApiResponse({ status: 200, description: '两委班子基本情况（Excel）', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: '下载两委班子基本情况（Excel）' })
  async basicSituationXlsx(@CurrentActor() actor: Actor, @ValidQuery(s.basicSituationSchema, L) q: z.infer<typeof s.basicSituationSchema>, @Res() res: Reply) {
    const { figures, scopeName } = await this.queries.execute(new BasicSituationOf(actor, q));
    const book = await basicSituationWorkbook(figures, scopeName, q.lastElectionDate as LocalDate);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${scopeName}两委基本情况-${q.date}.xlsx`)}`);
    res.end(book);
  }
}
