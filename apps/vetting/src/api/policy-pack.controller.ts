import { Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { CurrentActor, Roles, significantPrefix } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Vetting } from '../infrastructure/vetting-runtime';

/** Policy packs (/vetting/policy-packs): the shipped ones and those released as data. */
@Controller('policy-packs')
export class PolicyPackController {
  constructor(private readonly vetting: Vetting) {}

  @Get()
  @Roles('org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept', 'admin')
  list() {
    return { builtIn: this.vetting.packs.builtIn().map((p) => ({ id: p.id, version: p.version, name: p.name, cutOffDate: p.cutOffDate })) };
  }

  @Get(':id/:version')
  @Roles('org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept', 'admin')
  get(@Param('id') id: string, @Param('version', ParseIntPipe) version: number) {
    return this.vetting.packs.get({ id, version });
  }

  /**
   * A province's own numbers, as JSON: validated field by field (Chinese messages), then immutable.
   * Only from a county node or above (codes of 2, 4 or 6 digits): a pack rules every township under it.
   */
  @Post()
  @Roles('org_dept', 'admin')
  @HttpCode(201)
  async release(@CurrentActor() actor: Actor, @Body() body: unknown) {
    // The padded form of a county (320724000000) is a county too.
    if ((significantPrefix(actor.node) ?? actor.node).length > 6) throw new ForbiddenException({ message: '政策包只能由县级及以上的组织部门或管理员发布' });
    const pack = await this.vetting.packs.release(body, actor);
    return { id: pack.id, version: pack.version, name: pack.name };
  }
}
