import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { outsideJurisdiction, type Actor, type LocalDate } from '@lw/domain';
import { basicSituation, type BasicSituation as Figures } from '../../domain/roster';
import { RosterPort } from '../roster-port';
import { RosterDeps } from './roster-deps';
import { RosterViews, type PersonView, type VillageRosterView } from './roster-views.port';

/** One person as a clerk sees them, when one of the villages their records lie in is in the actor's area. */
export class PersonDetail extends Query<PersonView> {
  constructor(readonly actor: Actor, readonly personId: string) {
    super();
  }
}

/** A village's two committees on a day. */
export class VillageRoster extends Query<VillageRosterView> {
  constructor(readonly actor: Actor, readonly villageCode: string, readonly date: LocalDate) {
    super();
  }
}

/** 基本情况 of a subtree on a day, since the last election. */
export class BasicSituationOf extends Query<{ figures: Figures; scopeName: string }> {
  constructor(readonly actor: Actor, readonly q: { scope: string; date: LocalDate; lastElectionDate: LocalDate }) {
    super();
  }
}

@Injectable()
@QueryHandler(PersonDetail)
export class PersonDetailHandler implements IQueryHandler<PersonDetail> {
  constructor(private readonly views: RosterViews, private readonly deps: RosterDeps) {}

  async execute({ actor, personId }: PersonDetail): Promise<PersonView> {
    const view = await this.views.person(personId);
    if (!view || !view.villages.some((v) => this.deps.jurisdiction.covers(actor, v))) throw outsideJurisdiction('该人员', `person ${personId} unknown or outside ${actor.node}`);
    return view;
  }
}

@Injectable()
@QueryHandler(VillageRoster)
export class VillageRosterHandler implements IQueryHandler<VillageRoster> {
  constructor(private readonly views: RosterViews, private readonly deps: RosterDeps) {}

  execute({ actor, villageCode, date }: VillageRoster): Promise<VillageRosterView> {
    this.deps.jurisdiction.require(actor, villageCode, '该村（社区）');
    return this.views.village(villageCode, date);
  }
}

@Injectable()
@QueryHandler(BasicSituationOf)
export class BasicSituationHandler implements IQueryHandler<BasicSituationOf> {
  constructor(private readonly roster: RosterPort, private readonly deps: RosterDeps) {}

  async execute({ actor, q }: BasicSituationOf): Promise<{ figures: Figures; scopeName: string }> {
    this.deps.jurisdiction.require(actor, q.scope, '统计范围');
    const scope = this.deps.hierarchy.get(q.scope)!;
    const { persons, holdings } = await this.roster.snapshot(q.scope, q.date);
    return { figures: basicSituation(holdings, persons, { date: q.date, lastElectionDate: q.lastElectionDate, scopePrefix: scope.code }), scopeName: scope.name };
  }
}

export const ROSTER_QUERY_HANDLERS = [PersonDetailHandler, VillageRosterHandler, BasicSituationHandler];
