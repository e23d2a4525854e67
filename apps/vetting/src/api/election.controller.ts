import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import { DivisionCode, DomainNotFoundError, DomainValidationError, shanghaiDateOf, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { villageElectionStream } from '../application/village-election-stream';
import { electionTimeline, noticeCountdown } from '../domain/election';
import { Vetting } from '../infrastructure/vetting-runtime';
import * as s from './election.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept'] as const;

/** Elections (/vetting/elections): opening one, the board of its villages, one village's state. */
@Controller('elections')
export class ElectionController {
  constructor(private readonly vetting: Vetting) {}

  @Post()
  @Roles('org_dept')
  @HttpCode(201)
  async open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.openElectionSchema, body);
    const h = this.vetting.kernel.platform.hierarchy;
    const scope = h.get(input.scope.padEnd(12, '0'))?.code ?? h.get(input.scope)?.code;
    // Unknown and outside the caller's area read the same (404): the answer tells nothing of other areas.
    if (!scope || !this.vetting.inScope(actor, scope)) throw new DomainNotFoundError('election.scope_not_found', `范围 ${input.scope} 不存在或不在您的管辖范围内`, `scope ${input.scope} outside ${actor.node}`);
    const inScope = this.vetting.isVillage(scope) ? [scope] : h.descendants(scope, { level: 'village' }).map((v) => v.code);
    const listed = input.villages ?? inScope.map((villageCode) => ({ villageCode, seats: undefined }));
    if (listed.length === 0) throw new DomainValidationError('election.no_villages', `范围 ${input.scope} 内没有村（社区）`, `no villages in ${scope}`);
    const villages = listed.map((v) => {
      if (!this.vetting.isVillage(v.villageCode) || (v.villageCode !== scope && !h.isInside(v.villageCode, scope))) {
        throw new DomainValidationError('election.unknown_village', `村代码 ${v.villageCode} 不在换届范围内`, `village ${v.villageCode} outside ${scope}`);
      }
      const seats = v.seats ?? input.seats;
      if (!seats) throw new DomainValidationError('election.seats_missing', `请填写 ${v.villageCode} 的职数（或统一职数 seats）`, `no seats for ${v.villageCode}`);
      return { villageCode: v.villageCode, seats };
    });
    if (new Set(villages.map((v) => v.villageCode)).size !== villages.length) throw new DomainValidationError('election.duplicate_village', '村（社区）列表有重复', 'duplicate village');
    const r = await this.vetting.opening.open({ electionId: input.electionId, name: input.name, scope, policy: input.policy, votingFrom: input.votingFrom ?? null, villages }, actor);
    this.vetting.wake();
    return r;
  }

  /**
   * Elections whose scope overlaps the actor's node (a township sees the county's election of its
   * villages), newest first, paginated; `village` narrows to the elections of one village and adds
   * that village's stage and gate to each row.
   */
  @Get()
  @Roles(...READERS)
  async list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.electionListQuerySchema, query ?? {});
    if (q.village && !this.vetting.inScope(actor, q.village)) throw new DomainNotFoundError('election.village_outside', '该村（社区）不在您的管辖范围内', `${q.village} outside ${actor.node}`);
    const node = DivisionCode.parse(q.village ?? actor.node).code;
    const [{ rows }, { rows: total }] = await Promise.all([
      this.vetting.kernel.pool.query(
        `SELECT e.election_id, e.name, e.scope, e.policy_id, e.policy_version, e.voting_from::text, e.opened_at,
                count(v.*)::int AS villages, count(v.*) FILTER (WHERE NOT v.gate_open)::int AS gates_closed, count(v.*) FILTER (WHERE v.stage = 'handed_over')::int AS handed_over,
                CASE WHEN $4 THEN min(v.stage) END AS village_stage, CASE WHEN $4 THEN bool_and(v.gate_open) END AS village_gate_open
           FROM elections e JOIN village_elections v USING (election_id)
          WHERE v.village_code LIKE $1 GROUP BY e.election_id ORDER BY e.opened_at DESC, e.election_id LIMIT $2 OFFSET $3`,
        [`${node}%`, q.pageSize, (q.page - 1) * q.pageSize, Boolean(q.village)],
      ),
      this.vetting.kernel.pool.query(`SELECT count(DISTINCT election_id)::int AS n FROM village_elections WHERE village_code LIKE $1`, [`${node}%`]),
    ]);
    const elections = q.village ? rows : rows.map(({ village_stage: _s, village_gate_open: _g, ...r }) => r);
    return { elections, total: total[0].n, page: q.page, pageSize: q.pageSize };
  }

  /** The board: every village's stage, review counts, objections and gate with its reasons (paginated). */
  @Get(':eid')
  @Roles(...READERS)
  async board(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Query() query: unknown) {
    const q = parseInput(s.boardQuerySchema, query);
    const { rows: election } = await this.vetting.kernel.pool.query('SELECT election_id, name, scope, policy_id, policy_version, voting_from::text, opened_at FROM elections WHERE election_id = $1', [eid]);
    if (!election[0]) throw new DomainNotFoundError('election.not_found', '该换届不存在', `no election ${eid}`);
    const prefix = DivisionCode.parse(q.village ?? actor.node).code;
    if (q.village && !this.vetting.inScope(actor, q.village.padEnd(12, '0'))) throw new DomainNotFoundError('election.village_outside', '该地区不在您的管辖范围内', `${q.village} outside ${actor.node}`);
    const where = ['election_id = $1', 'village_code LIKE $2'];
    const params: unknown[] = [eid, `${prefix}%`];
    if (q.stage) where.push(`stage = $${params.push(q.stage)}`);
    if (q.gate) where.push(`gate_open = $${params.push(q.gate === 'open')}`);
    const filter = where.join(' AND ');
    const [{ rows }, { rows: totals }] = await Promise.all([
      this.vetting.kernel.pool.query(
        `SELECT village_code, stage, gate_open, gate_reasons, nominees, reviewed, blocked, disqualified, open_objections, joint_reviews_overdue, notice_ends_on::text
           FROM village_elections WHERE ${filter} ORDER BY village_code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.vetting.kernel.pool.query(
        `SELECT count(*)::int AS villages, count(*) FILTER (WHERE NOT gate_open)::int AS gates_closed, count(*) FILTER (WHERE stage = 'handed_over')::int AS handed_over,
                coalesce(sum(open_objections), 0)::int AS open_objections, coalesce(sum(joint_reviews_overdue), 0)::int AS joint_reviews_overdue FROM village_elections WHERE ${filter}`,
        params,
      ),
    ]);
    const h = this.vetting.kernel.platform.hierarchy;
    const e = election[0];
    const pack = await this.vetting.packs.get({ id: e.policy_id, version: e.policy_version });
    const today = shanghaiDateOf(new Date());
    const calendar = this.vetting.kernel.platform.calendar.calendar();
    return {
      election: e,
      timeline: e.voting_from ? electionTimeline(e.voting_from, pack.committeeClock) : null,
      totals: totals[0],
      page: q.page,
      pageSize: q.pageSize,
      total: totals[0].villages,
      // The notice's countdown in working days (today and its last day included), on the official calendar.
      villages: rows.map((r) => {
        const countdown = r.notice_ends_on ? noticeCountdown(r.notice_ends_on, today, calendar) : null;
        return { ...r, villageName: h.get(r.village_code)?.name ?? null, notice_working_days_left: countdown?.workingDaysLeft ?? null, notice_beyond_horizon: countdown?.beyondHorizon ?? null };
      }),
    };
  }

  @Get(':eid/villages/:code')
  @Roles(...READERS)
  async view(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const state = await this.vetting.commands.run(villageElectionStream(eid, code), actor, () => []);
    return {
      electionId: state.electionId,
      villageCode: state.villageCode,
      policy: state.policy,
      stage: state.stage,
      seats: state.seats,
      gate: state.gate,
      notice: state.notice && {
        ...state.notice,
        countdown: state.notice.ended ? null : noticeCountdown(state.notice.endsOn, shanghaiDateOf(new Date()), this.vetting.kernel.platform.calendar.calendar()),
      },
      villageName: this.vetting.kernel.platform.hierarchy.get(state.villageCode)?.name ?? null,
      filingNotice: state.filingNotice,
      handOverDue: state.handOverDue,
      openObjections: state.openObjections.size,
      slate: { verdicts: state.slateVerdicts, stale: state.slateStale },
      approvals: state.approvals,
      nominees: [...state.nominees.values()],
    };
  }
}
