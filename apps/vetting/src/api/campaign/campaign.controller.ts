import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, CurrentPrincipal, Roles, type Principal } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidBody, ValidParams, ValidQuery } from '@lw/runtime';
import { CampaignReportOf, CampaignReports, FreezeCampaignReport } from '../../application/campaign/campaign-reports';
import { ChangeCampaignPlan, CloseCampaign, PlanCampaign, RemoveWorkGroup, SetWorkGroup } from '../../application/campaign/campaign.commands';
import { CampaignDetail, CampaignFiguresOf, ListCampaigns, ListDossiers } from '../../application/campaign/campaign.queries';
import { DOCX, sendDocx, type Reply } from './campaign-docx';
import * as s from './campaign.schemas';
import * as v from './campaign-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'liaison'] as const;
const WRITERS = ['org_dept', 'township'] as const;

/**
 * Inspection campaigns (/vetting/campaigns/…): 换届“回头看”, 届中分析, 年度研判, 专项整治 — the plan,
 * work groups, the board, the figures and the report versions. A campaign outside the actor's area
 * looks like not found (checked by the handlers).
 */
@Controller('campaigns')
export class CampaignController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.campaignCreatedView, 201)
  @ApiOperation({ summary: '制定检查（回头看、届中分析、研判）方案' })
  plan(@CurrentActor() actor: Actor, @ValidBody(s.planCampaignSchema) body: z.infer<typeof s.planCampaignSchema>) {
    return this.commands.execute(new PlanCampaign(actor, body));
  }

  @Get()
  @Roles(...READERS)
  @Returns(v.campaignListView)
  @ApiOperation({ summary: '检查活动列表（本辖区，及包含本辖区的上级检查）' })
  list(@CurrentActor() actor: Actor, @ValidQuery(s.listCampaignsSchema) q: z.infer<typeof s.listCampaignsSchema>) {
    return this.queries.execute(new ListCampaigns(actor, q));
  }

  @Get(':campaignId')
  @Roles(...READERS)
  @Returns(v.campaignView)
  @ApiOperation({ summary: '检查活动：方案、检查方案、工作组' })
  get(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    return this.queries.execute(new CampaignDetail(actor, p.campaignId));
  }

  @Put(':campaignId/plan')
  @Roles(...WRITERS)
  @Returns(v.versionView)
  @ApiOperation({ summary: '修改检查阶段和方式' })
  changePlan(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>, @ValidBody(s.changePlanSchema) body: z.infer<typeof s.changePlanSchema>) {
    return this.commands.execute(new ChangeCampaignPlan(actor, p.campaignId, body));
  }

  @Put(':campaignId/groups/:groupId')
  @Roles(...WRITERS)
  @Returns(v.versionView)
  @ApiOperation({ summary: '设置工作组（组长、成员、负责的村和乡镇班子）' })
  setGroup(@CurrentActor() actor: Actor, @ValidParams(s.groupParams) p: z.infer<typeof s.groupParams>, @ValidBody(s.workGroupSchema) body: z.infer<typeof s.workGroupSchema>) {
    return this.commands.execute(new SetWorkGroup(actor, p.campaignId, { groupId: p.groupId, ...body }));
  }

  @Delete(':campaignId/groups/:groupId')
  @Roles(...WRITERS)
  @Returns(v.versionView)
  @ApiOperation({ summary: '撤销工作组' })
  removeGroup(@CurrentActor() actor: Actor, @ValidParams(s.groupParams) p: z.infer<typeof s.groupParams>) {
    return this.commands.execute(new RemoveWorkGroup(actor, p.campaignId, p.groupId));
  }

  @Post(':campaignId/close')
  @Roles(...WRITERS)
  @HttpCode(200)
  @Returns(v.versionView)
  @ApiOperation({ summary: '结束检查活动' })
  close(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    return this.commands.execute(new CloseCampaign(actor, p.campaignId));
  }

  @Get(':campaignId/dossiers')
  @Roles(...READERS)
  @Returns(v.dossierListView)
  @ApiOperation({ summary: '一村一档列表（本辖区的检查对象）' })
  dossiers(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    return this.queries.execute(new ListDossiers(actor, p.campaignId));
  }

  @Get(':campaignId/board')
  @Roles(...READERS)
  @Returns(v.figuresView)
  @ApiOperation({ summary: '检查进度看板（含填写中的档案）' })
  board(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    return this.queries.execute(new CampaignFiguresOf(actor, p.campaignId, { approvedOnly: false }));
  }

  @Get(':campaignId/figures')
  @Roles(...READERS)
  @Returns(v.figuresView)
  @ApiOperation({ summary: '检查数字（仅已审定档案，可按区域）' })
  figures(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>, @ValidQuery(s.figuresQuerySchema) q: z.infer<typeof s.figuresQuerySchema>) {
    return this.queries.execute(new CampaignFiguresOf(actor, p.campaignId, { approvedOnly: true, scope: q.scope }));
  }

  /** Freezes the report draft of the approved dossiers as a new version, attributed. */
  @Post(':campaignId/reports')
  @Roles(...WRITERS)
  @HttpCode(201)
  @Returns(v.versionView, 201)
  @ApiOperation({ summary: '生成检查报告新版本' })
  freeze(@CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    // The author's name as the session names it: the list shows it without a lookup in the identity store.
    return this.commands.execute(new FreezeCampaignReport(actor, p.campaignId, principal.name));
  }

  @Get(':campaignId/reports')
  @Roles(...READERS)
  @Returns(v.reportListView)
  @ApiOperation({ summary: '检查报告版本列表' })
  reports(@CurrentActor() actor: Actor, @ValidParams(s.campaignParams) p: z.infer<typeof s.campaignParams>) {
    return this.queries.execute(new CampaignReports(actor, p.campaignId));
  }

  @Get(':campaignId/reports/:version')
  @Roles(...READERS)
  @Returns(v.reportView)
  @ApiOperation({ summary: '检查报告某版本（草稿结构）' })
  async report(@CurrentActor() actor: Actor, @ValidParams(s.reportParams) p: z.infer<typeof s.reportParams>) {
    return (await this.queries.execute(new CampaignReportOf(actor, p.campaignId, p.version))).draft;
  }

  @Get(':campaignId/reports/:version/docx')
  @Roles(...READERS)
  @ReturnsFile(DOCX, '检查报告（Word，公文格式）')
  @ApiOperation({ summary: '下载检查报告（Word）' })
  async reportDocx(@CurrentActor() actor: Actor, @ValidParams(s.reportParams) p: z.infer<typeof s.reportParams>, @Res() res: Reply) {
    const { draft } = await this.queries.execute(new CampaignReportOf(actor, p.campaignId, p.version));
    await sendDocx(res, draft, `${draft.title}（第${p.version}版）.docx`);
  }
}
