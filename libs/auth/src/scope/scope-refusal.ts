import { NotFoundException } from '@nestjs/common';
import { outsideJurisdiction } from '@lw/domain';

/**
 * The one scope refusal (@lw/domain's outsideJurisdiction: 404 …不存在或不在您的管辖范围内), as an
 * HTTP exception with the body the services' domain-error filter gives it, so a guard can throw it
 * in any host. A code outside the user's area reads like one that does not exist.
 */
export function scopeRefusal(code: string, node: string): NotFoundException {
  const err = outsideJurisdiction('该地区', `${code} outside ${node}`);
  return new NotFoundException({ statusCode: 404, code: err.code, message: err.messageZh });
}
