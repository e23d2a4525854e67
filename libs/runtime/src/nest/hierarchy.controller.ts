import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { dateRangeMessageZh, isLocalDate, isRequestDate, type Actor } from '@lw/domain';
import { CurrentActor, ROLES, Roles, ScopedBy } from '@lw/auth';
import { DivisionNode, Hierarchy } from '@lw/hierarchy';

export const HIERARCHY = Symbol('Hierarchy');

/**
 * The division tree as users browse it: a node, its children, and search by name or pinyin
 * initials, always inside the user's own subtree (ancestors of the user's node are shown for
 * the breadcrumb only). The guard refuses a code outside it, or unknown to the tree, with the one
 * scope refusal (404).
 */
// Every signed-in role reads the tree, each inside its own node.
@Roles(...ROLES)
@Controller('hierarchy')
export class HierarchyController {
  constructor(@Inject(HIERARCHY) private readonly hierarchy: Hierarchy) {}

  @Get('nodes/:code')
  @ScopedBy('param', 'code')
  node(@Param('code') code: string, @Query('asOf') asOf?: string): { node: DivisionNode; ancestors: DivisionNode[] } {
    const node = this.hierarchy.get(code, checkDate(asOf));
    if (!node) throw new NotFoundException({ message: `区划代码 ${code} 不存在` });
    return { node, ancestors: this.hierarchy.ancestors(node.code) };
  }

  @Get('nodes/:code/children')
  @ScopedBy('param', 'code')
  children(@Param('code') code: string, @Query('asOf') asOf?: string): DivisionNode[] {
    // The guard found the code in the tree.
    return this.hierarchy.children(code, checkDate(asOf));
  }

  /** Within `within` when given (the guard checks it), else the user's own node. */
  @Get('search')
  @ScopedBy('query', 'within', { optional: true })
  search(@CurrentActor() actor: Actor, @Query('q') q?: string, @Query('within') within?: string): DivisionNode[] {
    if (!q || q.trim().length === 0 || q.length > 50) throw new BadRequestException({ message: '请输入 1–50 个字的名称或拼音首字母' });
    return this.hierarchy.search(q.trim(), { within: within || actor.node, limit: 50 });
  }
}

/** `asOf` must name a real day (2026-02-30 is refused, not rolled over) inside the range requests may carry. */
function checkDate(asOf?: unknown): string | undefined {
  if (asOf === undefined) return undefined;
  if (!isLocalDate(asOf)) throw new BadRequestException({ statusCode: 400, code: 'validation', message: '日期应为 YYYY-MM-DD 格式的有效日期' });
  if (!isRequestDate(asOf)) throw new BadRequestException({ statusCode: 400, code: 'validation', message: dateRangeMessageZh() });
  return asOf;
}
