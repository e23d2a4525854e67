import { Body, Controller, Get, HttpCode, Post, Query, Req, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { clientIp, Public, type AuthRequest } from '@lw/auth';
import { parseInput } from '@lw/runtime';
import type { TipSubject } from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { ReplyAsReporter } from '../application/tip.commands';
import { SubmitPublicTip } from '../application/tip-submission.commands';
import { PlacesUnder, PublicTipForm, ReceiptLookup, RunningNotices } from '../application/public-tip.queries';
import { clientKey as keyOfAddress } from '../infrastructure/receipt/client-key';
import { UploadErrorFilter } from './upload-error.filter';
import { noticesQuerySchema, placesQuerySchema, publicTipSchema, receiptSchema, replySchema, TIP_FIELD_LABELS } from './tip.schemas';
import { tipFromRequest, type UploadedFile } from './tip-request';

/**
 * The public side (no login): the form's choices, submitting a tip, and the receipt-code window.
 * Mounted under /tipline/public, apart from the staff endpoints.
 */
@Controller('public')
@Public()
@UseFilters(UploadErrorFilter)
export class PublicTipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('form')
  form() {
    return this.queries.execute(new PublicTipForm());
  }

  /**
   * Candidates under a public notice running today (公示), a page at a time: village, post, name and
   * the notice's last day. Nothing else: no id numbers, no facts from the roster. A tip naming one
   * of them (name and village) during the notice is an objection (异议).
   */
  @Get('notices')
  notices(@Query() query: unknown) {
    const q = parseInput(noticesQuerySchema, query, { village: '村/社区', township: '乡镇', page: '页码', pageSize: '每页条数' });
    return this.queries.execute(new RunningNotices({ within: q.village ?? q.township, page: q.page, pageSize: q.pageSize }));
  }

  /** Townships of the deployment (no parent) or the villages of a township, for the form's pickers. */
  @Get('places')
  places(@Query() query: unknown) {
    const q = parseInput(placesQuerySchema, query, { parent: '上级区划' });
    return this.queries.execute(new PlacesUnder(q.parent ?? null));
  }

  @Post('tips')
  @HttpCode(201)
  @UseInterceptors(FilesInterceptor('evidence', EVIDENCE_POLICY.maxFiles, { limits: { fileSize: EVIDENCE_POLICY.maxFileBytes, fields: 20 }, defParamCharset: 'utf8' }))
  async submit(@Req() req: AuthRequest, @Body() body: unknown, @UploadedFiles() files: UploadedFile[] = []) {
    const input = parseInput(publicTipSchema, tipFromRequest(body), TIP_FIELD_LABELS);
    const submission = {
      category: input.category,
      subjects: input.subjects as TipSubject[],
      text: input.text,
      anonymous: input.anonymous,
      reporter: input.anonymous ? null : input.reporter!,
      files: files.map((f) => ({ fileName: f.originalname, bytes: f.buffer, declaredType: f.mimetype })),
    };
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
  lookup(@Req() req: AuthRequest, @Body() body: unknown) {
    const { code } = parseInput(receiptSchema, body, { code: '查询码' });
    return this.queries.execute(new ReceiptLookup(code, clientKey(req)));
  }

  @Post('receipts/reply')
  @HttpCode(201)
  reply(@Req() req: AuthRequest, @Body() body: unknown) {
    const input = parseInput(replySchema, body, { code: '查询码', text: '回复内容' });
    return this.commands.execute(new ReplyAsReporter(input.code, clientKey(req), input.text, input.inReplyTo ?? null));
  }
}

/** The limiters' key of the client: a keyed hash of the address (see client-key.ts), never the address. */
function clientKey(req: AuthRequest): string {
  return keyOfAddress(clientIp(req));
}
