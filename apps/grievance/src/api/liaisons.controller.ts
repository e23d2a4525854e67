import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainNotFoundError, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { Grievance } from '../infrastructure/grievance-runtime';
import * as s from './case.schemas';

/**
 * 联村领导 / 包村干部 per village (/grievance/liaisons…): the default first responsible person of the
 * village's new cases. Set by the township for its villages or by the county's organisation department.
 */
@Controller('liaisons')
export class LiaisonsController {
  constructor(private readonly g: Grievance) {}

  private village(actor: Actor, code: string): string {
    const v = this.g.placement.normalize(code);
    if (!v || !this.g.placement.isKnownVillage(v) || !this.g.covers(actor, v)) {
      throw new DomainNotFoundError('liaison.village_outside', '村/社区不存在或不在您的管辖范围内', `village ${code} outside ${actor.node}`);
    }
    return v;
  }

  @Get()
  @Roles('township', 'org_dept', 'discipline', 'liaison')
  list(@CurrentActor() actor: Actor) {
    return this.g.liaisons.list(this.g.scopeOf(actor));
  }

  @Put(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  assign(@CurrentActor() actor: Actor, @Param('villageCode') code: string, @Body() body: unknown) {
    const b = parseInput(s.liaisonSchema, body, s.CASE_FIELD_LABELS);
    return this.g.liaisons.assign(this.village(actor, code), { name: b.name, post: b.post ?? null, userId: b.userId ?? null }, actor.userId);
  }

  @Delete(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('villageCode') code: string) {
    await this.g.liaisons.remove(this.village(actor, code), actor.userId);
  }
}
