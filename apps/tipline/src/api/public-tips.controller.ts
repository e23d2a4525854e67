import { Body, Controller, Get, HttpCode, Post, Query, Req, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { clientIp, Public, type AuthRequest } from '@lw/auth';
import { DomainNotFoundError, DomainRateLimitError } from '@lw/domain';
import type { TipSubject } from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { clientKey as keyOfAddress } from '../infrastructure/receipt/client-key';
import { Tipline } from '../infrastructure/tipline-runtime';
import { UploadErrorFilter } from './upload-error.filter';
import { parseInput } from '@lw/runtime';
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
  constructor(private readonly tipline: Tipline) {}

  @Get('form')
  form() {
    const p = this.tipline.settings.policy;
    return {
      categories: p.categories.map((c) => ({ code: c.code, name: c.name, group: c.group })),
      maxTextLength: p.maxTextLength,
      evidence: { maxFileBytes: EVIDENCE_POLICY.maxFileBytes, maxFiles: EVIDENCE_POLICY.maxFiles },
      notice: '举报人的姓名和联系方式将加密保存，仅纪检监察机关经审批可查看。提交后请妥善保存查询码，它只显示一次。',
    };
  }

  /**
   * Candidates under a public notice running today (公示), a page at a time: village, post, name and
   * the notice's last day. Nothing else: no id numbers, no facts from the roster. A tip naming one
   * of them (name and village) during the notice is an objection (异议).
   */
  @Get('notices')
  notices(@Query() query: unknown) {
    const q = parseInput(noticesQuerySchema, query, { village: '村/社区', township: '乡镇', page: '页码', pageSize: '每页条数' });
    return this.tipline.notices.running({ within: q.village ?? q.township, page: q.page, pageSize: q.pageSize });
  }

  /** Townships of the deployment (no parent) or the villages of a township, for the form's pickers. */
  @Get('places')
  places(@Query() query: unknown) {
    const q = parseInput(placesQuerySchema, query, { parent: '上级区划' });
    const rows = this.tipline.places.childrenOf(q.parent ?? null);
    if (!rows) throw new DomainNotFoundError('place.not_found', '该区划不在本系统受理范围内', `places under ${q.parent}`);
    return rows;
  }

  @Post('tips')
  @HttpCode(201)
  @UseInterceptors(FilesInterceptor('evidence', EVIDENCE_POLICY.maxFiles, { limits: { fileSize: EVIDENCE_POLICY.maxFileBytes, fields: 20 }, defParamCharset: 'utf8' }))
  async submit(@Req() req: AuthRequest, @Body() body: unknown, @UploadedFiles() files: UploadedFile[] = []) {
    const input = parseInput(publicTipSchema, tipFromRequest(body), TIP_FIELD_LABELS);
    const limit = this.tipline.settings.publicSubmissionsPerHour;
    if (limit > 0) {
      const verdict = await this.tipline.submissionLimiter.attempt({ client: `submit:${clientKey(req)}` });
      if (!verdict.allowed) {
        throw new DomainRateLimitError('tip.too_many', '提交过于频繁，请稍后再试', 'public submission rate exceeded', verdict.retryAfterSeconds);
      }
    }
    const result = await this.tipline.submit.execute(
      {
        channel: 'web',
        category: input.category,
        subjects: input.subjects as TipSubject[],
        text: input.text,
        anonymous: input.anonymous,
        reporter: input.anonymous ? null : input.reporter!,
        files: files.map((f) => ({ fileName: f.originalname, bytes: f.buffer, declaredType: f.mimetype })),
        issueReceipt: true,
      },
      null,
    );
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
    return this.tipline.receipts.lookup(code, clientKey(req));
  }

  @Post('receipts/reply')
  @HttpCode(201)
  reply(@Req() req: AuthRequest, @Body() body: unknown) {
    const input = parseInput(replySchema, body, { code: '查询码', text: '回复内容' });
    return this.tipline.receipts.reply(input.code, clientKey(req), input.text, input.inReplyTo ?? null);
  }
}

/** The limiters' client key: a keyed hash of the address (see client-key.ts), never the address. */
function clientKey(req: AuthRequest): string {
  return keyOfAddress(clientIp(req));
}

