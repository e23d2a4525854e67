import { Controller, Get, HttpCode, Post, Req, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { clientIp, Public, type AuthRequest } from '@lw/auth';
import { Returns, ValidBody, ValidQuery } from '@lw/runtime';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { ReplyAsReporter } from '../application/tip.commands';
import { SubmitPublicTip } from '../application/tip-submission.commands';
import { PlacesUnder, PublicTipForm, ReceiptLookup, RunningNotices } from '../application/public-tip.queries';
import { clientKey as keyOfAddress } from '../infrastructure/receipt/client-key';
import { Refusals } from './refusals';
import { UploadErrorFilter } from './upload-error.filter';
import { noticesQuerySchema, placesQuerySchema, publicTipSchema, receiptSchema, replySchema, TIP_FIELD_LABELS } from './tip.schemas';
import { submissionOf, tipFromRequest, type UploadedFile } from './tip-request';
import * as v from './tip-views.schemas';

/**
 * The public side (no login): the form's choices, submitting a tip, and the receipt-code window.
 * Mounted under /tipline/public, apart from the staff endpoints.
 */
@Controller('public')
@Public()
@ApiTags('公众举报')
@Refusals({ 404: '查询码不正确，或所选区划不在本系统受理范围内', 422: '不符合受理规则（中文说明）', 429: '过于频繁或错误次数过多（Retry-After 秒数）' })
@UseFilters(UploadErrorFilter)
export class PublicTipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('form')
  @ApiOperation({ summary: '举报表单的类别与限制' })
  @Returns(v.publicFormView)
  form() {
    return this.queries.execute(new PublicTipForm());
  }

  /**
   * Candidates under a public notice running today (公示), a page at a time: village, post, name and
   * the notice's last day. Nothing else: no id numbers, no facts from the roster. A tip naming one
   * of them (name and village) during the notice is an objection (异议).
   */
  @Get('notices')
  @ApiOperation({ summary: '正在公示的候选人（村、职务、姓名、公示截止日期；分页）' })
  @Returns(v.noticesPageView)
  notices(@ValidQuery(noticesQuerySchema, { village: '村/社区', township: '乡镇', page: '页码', pageSize: '每页条数' }) q: z.infer<typeof noticesQuerySchema>) {
    return this.queries.execute(new RunningNotices({ within: q.village ?? q.township, page: q.page, pageSize: q.pageSize }));
  }

  /** Townships of the deployment (no parent) or the villages of a township, for the form's pickers. */
  @Get('places')
  @ApiOperation({ summary: '本县乡镇，或某乡镇的村（社区），供举报表单选择' })
  @Returns(v.placesView)
  places(@ValidQuery(placesQuerySchema, { parent: '上级区划' }) q: z.infer<typeof placesQuerySchema>) {
    return this.queries.execute(new PlacesUnder(q.parent ?? null));
  }

  @Post('tips')
  @HttpCode(201)
  @ApiOperation({ summary: '提交举报（JSON，或 multipart：tip 字段为 JSON，evidence 为文件）；返回只显示一次的查询码' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @Returns(v.publicReceiptView)
  @UseInterceptors(FilesInterceptor('evidence', EVIDENCE_POLICY.maxFiles, { limits: { fileSize: EVIDENCE_POLICY.maxFileBytes, fields: 20 }, defParamCharset: 'utf8' }))
  async submit(
    @Req() req: AuthRequest,
    @ValidBody(publicTipSchema, TIP_FIELD_LABELS, { from: tipFromRequest }) input: z.infer<typeof publicTipSchema>,
    @UploadedFiles() files: UploadedFile[] = [],
  ) {
    const submission = submissionOf(input, files);
    const result = await this.commands.execute(new SubmitPublicTip(submission, clientKey(req)));
    return {
      receiptCode: result.receiptCode,
      message: `举报已收到。请妥善保存查询码 ${result.receiptCode}，凭它查询办理进展、接收答复；查询码只显示这一次，遗失无法找回。`,
      acceptanceDue: result.acceptanceDue,
    };
  }

  /** POST, not GET: the code must not land in URLs, proxies' logs or browser history. */
  @Post('receipts/lookup')
  @HttpCode(200)
  @ApiOperation({ summary: '凭查询码查询进展与答复（限频、错误次数过多将锁定）' })
  @Returns(v.receiptProgressView)
  lookup(@Req() req: AuthRequest, @ValidBody(receiptSchema, { code: '查询码' }) { code }: z.infer<typeof receiptSchema>) {
    return this.queries.execute(new ReceiptLookup(code, clientKey(req)));
  }

  @Post('receipts/reply')
  @HttpCode(201)
  @ApiOperation({ summary: '凭查询码回复或补充材料' })
  @Returns(v.reporterReplyView)
  reply(@Req() req: AuthRequest, @ValidBody(replySchema, { code: '查询码', text: '回复内容' }) input: z.infer<typeof replySchema>) {
    return this.commands.execute(new ReplyAsReporter(input.code, clientKey(req), input.text, input.inReplyTo ?? null));
  }
}

/** The limiters' key of the client: a keyed hash of the address (see client-key.ts), never the address. */
function clientKey(req: AuthRequest): string {
  return keyOfAddress(clientIp(req));
}
