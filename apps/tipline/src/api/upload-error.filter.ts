import { ArgumentsHost, Catch, ExceptionFilter, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';

/**
 * Multer's own refusals (file too large, too many files, unexpected field) in Chinese. Other HTTP
 * errors pass through unchanged.
 */
@Catch(HttpException)
export class UploadErrorFilter implements ExceptionFilter {
  catch(err: HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const status = err.getStatus();
    const text = String((err.getResponse() as { message?: unknown })?.message ?? err.message);
    let message: string | null = null;
    if (err instanceof PayloadTooLargeException || /too large/i.test(text)) {
      message = `单个文件不能超过 ${Math.round(EVIDENCE_POLICY.maxFileBytes / 1048576)} MB`;
    } else if (/too many files|Unexpected field/i.test(text)) {
      message = `最多上传 ${EVIDENCE_POLICY.maxFiles} 个文件，文件字段名应为 evidence`;
    }
    if (message) {
      res.status(status).json({ statusCode: status, code: 'upload.rejected', message });
      return;
    }
    res.status(status).json(err.getResponse());
  }
}
