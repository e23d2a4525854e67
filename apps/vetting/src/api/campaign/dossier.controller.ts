import { Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidBody, ValidParams } from '@lw/runtime';
import { FeedbackLetterOf } from '../../application/campaign/campaign-reports';
import { DossierDetail } from '../../application/campaign/campaign.queries';
import { AcceptProblems, ApproveDossier, IssueFeedback, RecordCommitments, ReturnDossier, SaveDossierSection, SubmitDossier } from '../../application/campaign/dossier.commands';
import { DOCX, sendDocx, type Reply } from './campaign-docx';
import * as s from './dossier.schemas';
import * as v from './campaign-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'liaison'] as const;
const WRITERS = ['org_dept', 'township'] as const;

type Params = z.infer<typeof s.dossierParams>;

/**
 * One village's (or township team's) file in a campaign (一村一档): sections saved as the form
 * goes, review, the feedback letter, the 整改承诺书 and the problems accepted into rectification.
 * A subject outside the campaign's groups or the actor's area answers 404.
 */
@Controller('campaigns/:campaignId/dossiers/:subjectCode')
export class DossierController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...READERS)
  @Returns(v.dossierView)
  @ApiOperation({ summary: '查看档案（未填写时为空白草稿）' })
  get(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params) {
    return this.queries.execute(new DossierDetail(actor, p.campaignId, p.subjectCode));
  }

  /** One section saved whole (an identical save writes nothing: autosave on a poor connection retries safely). */
  @Put('sections/:section')
  @Roles(...WRITERS)
  @Returns(v.versionView)
  @ApiOperation({ summary: '保存档案栏目' })
  save(@CurrentActor() actor: Actor, @ValidParams(s.sectionParams) p: z.infer<typeof s.sectionParams>, @ValidBody(s.sectionBody) body: z.infer<typeof s.sectionBody>) {
    const { section, ...where } = p;
    return this.commands.execute(new SaveDossierSection(actor, where, section, body.content));
  }

  @Post('submit')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '提交档案审核' })
  submit(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params) {
    return this.commands.execute(new SubmitDossier(actor, p));
  }

  @Post('approve')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '审定档案' })
  approve(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @ValidBody(s.approveBody) body: z.infer<typeof s.approveBody>) {
    return this.commands.execute(new ApproveDossier(actor, p, body.comment));
  }

  @Post('return')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '退回档案（写明理由）' })
  sendBack(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @ValidBody(s.returnBody) body: z.infer<typeof s.returnBody>) {
    return this.commands.execute(new ReturnDossier(actor, p, body.reason));
  }

  @Post('feedback')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '出具反馈意见函' })
  feedback(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @ValidBody(s.feedbackBody) body: z.infer<typeof s.feedbackBody>) {
    return this.commands.execute(new IssueFeedback(actor, p, body.letterNo));
  }

  @Get('feedback.docx')
  @Roles(...READERS)
  @ReturnsFile(DOCX, '反馈意见函（Word，公文格式）')
  @ApiOperation({ summary: '下载反馈意见函（Word）' })
  async feedbackDocx(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @Res() res: Reply) {
    const { draft, fileName } = await this.queries.execute(new FeedbackLetterOf(actor, p.campaignId, p.subjectCode));
    await sendDocx(res, draft, fileName);
  }

  @Put('commitments')
  @Roles(...WRITERS)
  @Returns(v.versionView)
  @ApiOperation({ summary: '登记整改承诺书（每个问题的措施、责任人、完成时限）' })
  commitments(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @ValidBody(s.commitmentsBody) body: z.infer<typeof s.commitmentsBody>) {
    return this.commands.execute(new RecordCommitments(actor, p, body.commitments));
  }

  /** Each accepted problem becomes a rectification case in grievance (source: this campaign and subject). */
  @Post('accept')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '问题交办整改（转为整改销号台账）' })
  accept(@CurrentActor() actor: Actor, @ValidParams(s.dossierParams) p: Params, @ValidBody(s.acceptBody) body: z.infer<typeof s.acceptBody>) {
    return this.commands.execute(new AcceptProblems(actor, p, body.problemIds));
  }
}
