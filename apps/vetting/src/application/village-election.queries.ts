import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { outsideJurisdiction, shanghaiDateOf, type Actor, type LocalDate, type WorkingCalendar } from '@lw/domain';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { electionTimeline, noticeCountdown, type ElectionTimeline, type VillageElectionState } from '../domain/election';
import { ElectionBoardReadModel, type BoardTotals, type BoardVillageRow, type ElectionListRow, type ElectionRow } from './election/election-board.read-model';
import { PolicyPacks } from './election/policy-packs';
import { VillageElections } from './election/village-elections';
import { villageElectionStream } from './village-election-stream';

interface Page {
  page: number;
  pageSize: number;
}

export interface ElectionListPage extends Page {
  elections: (ElectionListRow | Omit<ElectionListRow, 'village_stage' | 'village_gate_open'>)[];
  total: number;
}

export interface ElectionBoardPage extends Page {
  election: ElectionRow;
  timeline: ElectionTimeline | null;
  totals: BoardTotals;
  total: number;
  villages: (BoardVillageRow & { villageName: string | null; notice_working_days_left: number | null; notice_beyond_horizon: boolean | null })[];
}

/** One village's election as its page shows it; the notice's countdown counts from `today` on the calendar. */
function villageElectionDetail(state: VillageElectionState, villageName: string | null, today: LocalDate, calendar: WorkingCalendar) {
  return {
    electionId: state.electionId,
    villageCode: state.villageCode,
    policy: state.policy,
    stage: state.stage,
    seats: state.seats,
    gate: state.gate,
    notice: state.notice && { ...state.notice, countdown: state.notice.ended ? null : noticeCountdown(state.notice.endsOn, today, calendar) },
    villageName,
    filingNotice: state.filingNotice,
    handOverDue: state.handOverDue,
    openObjections: state.openObjections.size,
    slate: { verdicts: state.slateVerdicts, stale: state.slateStale },
    approvals: state.approvals,
    nominees: [...state.nominees.values()],
  };
}

export type VillageElectionDetail = ReturnType<typeof villageElectionDetail>;

/**
 * Elections whose scope overlaps the actor's node (a township sees the county's election of its
 * villages), newest first, paginated; `village` narrows to the elections of one village and adds
 * that village's stage and gate to each row.
 */
export class ElectionList extends Query<ElectionListPage> {
  constructor(
    readonly actor: Actor,
    readonly filter: Page & { village?: string },
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(ElectionList)
export class ElectionListHandler implements IQueryHandler<ElectionList> {
  constructor(
    private readonly board: ElectionBoardReadModel,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, filter: q }: ElectionList): Promise<ElectionListPage> {
    if (q.village) this.jurisdiction.require(actor, q.village, '该村（社区）');
    const { rows, total } = await this.board.elections(q.village ?? actor.node, q.pageSize, (q.page - 1) * q.pageSize, Boolean(q.village));
    const elections = q.village ? rows : rows.map(({ village_stage: _s, village_gate_open: _g, ...r }) => r);
    return { elections, total, page: q.page, pageSize: q.pageSize };
  }
}

/** The board: every village's stage, review counts, objections and gate with its reasons (paginated). */
export class ElectionBoard extends Query<ElectionBoardPage> {
  constructor(
    readonly actor: Actor,
    readonly electionId: string,
    readonly filter: Page & { village?: string; stage?: string; gate?: 'open' | 'closed' },
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(ElectionBoard)
export class ElectionBoardHandler implements IQueryHandler<ElectionBoard> {
  constructor(
    private readonly board: ElectionBoardReadModel,
    private readonly jurisdiction: Jurisdiction,
    private readonly hierarchy: Hierarchy,
    private readonly packs: PolicyPacks,
    private readonly elections: VillageElections,
  ) {}

  async execute({ actor, electionId, filter: q }: ElectionBoard): Promise<ElectionBoardPage> {
    const e = await this.board.election(electionId);
    // Missing, or apart from the actor's area (its scope neither inside the area nor above the actor's node): one refusal.
    if (!e || !(this.jurisdiction.covers(actor, e.scope) || this.hierarchy.isInside(actor.node, e.scope))) {
      throw outsideJurisdiction('该换届', `election ${electionId} missing or outside ${actor.node}`);
    }
    if (q.village) this.jurisdiction.require(actor, q.village, '该地区');
    const { rows, totals } = await this.board.villages(electionId, { prefix: q.village ?? actor.node, stage: q.stage, gate: q.gate, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const pack = await this.packs.get({ id: e.policy_id, version: e.policy_version });
    const today = shanghaiDateOf(new Date()) as LocalDate;
    const { calendar } = this.elections.context();
    return {
      election: e,
      timeline: e.voting_from ? electionTimeline(e.voting_from as LocalDate, pack.committeeClock) : null,
      totals,
      page: q.page,
      pageSize: q.pageSize,
      total: totals.villages,
      // The notice's countdown in working days (today and its last day included), on the official calendar.
      villages: rows.map((r) => {
        const countdown = r.notice_ends_on ? noticeCountdown(r.notice_ends_on, today, calendar) : null;
        return { ...r, villageName: this.hierarchy.get(r.village_code)?.name ?? null, notice_working_days_left: countdown?.workingDaysLeft ?? null, notice_beyond_horizon: countdown?.beyondHorizon ?? null };
      }),
    };
  }
}

/** One village's election as the aggregate holds it, with the notice's countdown. */
export class VillageElectionView extends Query<VillageElectionDetail> {
  constructor(
    readonly actor: Actor,
    readonly electionId: string,
    readonly villageCode: string,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(VillageElectionView)
export class VillageElectionViewHandler implements IQueryHandler<VillageElectionView> {
  constructor(
    private readonly elections: VillageElections,
    private readonly hierarchy: Hierarchy,
  ) {}

  async execute({ actor, electionId, villageCode }: VillageElectionView): Promise<VillageElectionDetail> {
    const state = await this.elections.load(villageElectionStream(electionId, villageCode), actor);
    return villageElectionDetail(state, this.hierarchy.get(state.villageCode)?.name ?? null, shanghaiDateOf(new Date()) as LocalDate, this.elections.context().calendar);
  }
}

export const VILLAGE_ELECTION_QUERY_HANDLERS = [ElectionListHandler, ElectionBoardHandler, VillageElectionViewHandler];
