import type { PoolClient } from 'pg';
import { In, type EntityManager, type ObjectLiteral } from 'typeorm';
import { CitizenId } from '@lw/domain';
import type { StoredEvent } from '@lw/eventstore';
import type { PersonEvent, VillageEvent } from '../../domain/roster';
import { isDossierApproved, recordDossierEvaluations } from './dossier-evaluations';
import { RosterAppraisalRecord } from './roster-appraisals.entity';
import { RosterHoldingRecord } from './roster-holdings.entity';
import { RosterInvestigationRecord } from './roster-investigations.entity';
import { RosterPersonRecord } from './roster-persons.entity';
import { RosterRecordRecord } from './roster-records.entity';
import { RosterRelativeRecord } from './roster-relatives.entity';
import { RosterRoleRecord } from './roster-roles.entity';

/** Member grades of an assessment (研判 / 民主测评) as the assessments side appends them. */
interface AssessmentRecorded {
  assessmentId: string;
  villageCode: string;
  period: string;
  year?: number;
  memberGrades?: { personId: string; name?: string; grade: string }[];
  /** False when too few questionnaires came back: its grades count for nothing. */
  valid?: boolean;
  /** The assessment this one re-runs (after a low turnout): its grades are replaced. */
  rerunOf?: string;
}

const GRADES = new Set(['优秀', '称职', '基本称职', '不称职']);
/** Rows per INSERT, well below PostgreSQL's 65535 parameters (12 columns at most). */
const ROWS_PER_INSERT = 1000;

/** Projection name: its checkpoint commits with the read-model rows (libs/eventstore Projector). */
export const ROSTER_PROJECTION = 'roster';

export function isRosterEvent(e: StoredEvent): boolean {
  return e.streamId.startsWith('roster-') || (e.streamId.startsWith('assessment-') && e.type === 'AssessmentRecorded') || isDossierApproved(e);
}

/**
 * One write of the batch: a row for a bulk statement of its kind (consecutive writes of one kind go
 * in one statement, so an import of thousands of persons is a few statements), or a single update.
 */
type Write = { kind: BulkKind; row: ObjectLiteral } | { kind: 'single'; run: (m: EntityManager) => Promise<unknown> };

/**
 * Applies roster, assessment and dossier-approval events to the roster_* tables through the EntityManager of the
 * projection's transaction (the checkpoint's); every statement is idempotent.
 */
export async function projectRoster(events: readonly StoredEvent[], _tx: PoolClient, manager: EntityManager | undefined): Promise<void> {
  if (!manager) throw new Error('roster projection: run it with readModels (kernel.readModels)');
  const writes = events.filter(isRosterEvent).flatMap((e): Write[] => {
    if (e.type === 'AssessmentRecorded') return assessmentWrites(e.data as AssessmentRecorded);
    // An approved campaign dossier: its negative 民主测评 grades, read from its streams in this transaction.
    if (isDossierApproved(e)) return [{ kind: 'single', run: (m) => recordDossierEvaluations(m, e) }];
    if (e.streamId.startsWith('roster-village-')) return [villageWrite({ type: e.type, data: e.data } as VillageEvent)];
    return [personWrite({ type: e.type, data: e.data } as PersonEvent)];
  });
  for (let i = 0; i < writes.length; ) {
    const w = writes[i];
    if (w.kind === 'single') {
      await w.run(manager);
      i++;
      continue;
    }
    let end = i;
    while (end < writes.length && writes[end].kind === w.kind) end++;
    await BULK[w.kind](manager, writes.slice(i, end).map((x) => (x as { row: ObjectLiteral }).row));
    i = end;
  }
}

function personWrite(e: PersonEvent): Write {
  switch (e.type) {
    case 'PersonRecorded': {
      const { personId, name, citizenId, ethnicity, education, politicalStatus, partyJoinDate, phone, tags, villageCode } = e.data;
      const id = CitizenId.parse(citizenId);
      const row: RosterPersonRecord = { personId, citizenId: id.value, name, gender: id.gender, birthDate: id.birthDate, ethnicity, education, politicalStatus, partyJoinDate, phone, tags, villages: [villageCode] };
      return { kind: 'person', row };
    }
    case 'RecordAdded': {
      const { recordId, personId, text, kind, label, category, date, endsOn, source } = e.data;
      return { kind: 'record', row: { recordId, personId, text, kind, label, category, date, endsOn, source } satisfies RosterRecordRecord };
    }
    case 'RecordEnded': {
      const { recordId, endsOn } = e.data;
      return { kind: 'single', run: (m) => m.update(RosterRecordRecord, { recordId }, { endsOn }) };
    }
    case 'AppraisalRecorded':
      return { kind: 'appraisal', row: { personId: e.data.personId, year: e.data.year, source: 'roster', ref: '', grade: e.data.grade } satisfies RosterAppraisalRecord };
    case 'RelativeLinked':
      return { kind: 'relative', row: { personId: e.data.personId, relativeId: e.data.relativeId, kind: e.data.kind } satisfies RosterRelativeRecord };
    case 'RoleAssigned':
      return { kind: 'role', row: { ...e.data } satisfies RosterRoleRecord };
    case 'InvestigationOpened': {
      const { investigationId, personId, since, source } = e.data;
      return { kind: 'investigation', row: { investigationId, personId, since, closedOn: null, source } satisfies RosterInvestigationRecord };
    }
    case 'InvestigationClosed': {
      const { investigationId, closedOn } = e.data;
      return { kind: 'single', run: (m) => m.update(RosterInvestigationRecord, { investigationId }, { closedOn }) };
    }
  }
}

function villageWrite(e: VillageEvent): Write {
  const { villageCode, personId, body, post, from } = e.data;
  const key = { villageCode, personId, body, post, fromDate: from };
  // A holding ends in the stream that started it, so its row is there: the end sets to_date.
  return e.type === 'HoldingStarted' ? { kind: 'holdingStarted', row: { ...key, toDate: null } } : { kind: 'holdingEnded', row: { ...key, toDate: e.data.to } };
}

/** Member grades become appraisals of source 'assessment' (the year from the event, else the period's first four digits). */
function assessmentWrites(a: AssessmentRecorded): Write[] {
  const year = a.year ?? Number(/^\d{4}/.exec(a.period ?? '')?.[0]);
  if (!Number.isInteger(year)) return [];
  // A correction or re-run replaces the grades it supersedes whole: a person taken off the list, or
  // an invalid (low-turnout) assessment, must leave no grade behind for the negative list.
  const refs = [a.assessmentId, ...(a.rerunOf ? [a.rerunOf] : [])];
  const replace: Write = { kind: 'single', run: (m) => m.delete(RosterAppraisalRecord, { source: 'assessment', ref: In(refs) }) };
  if (a.valid === false) return [replace];
  const grades = (a.memberGrades ?? []).filter((g) => g.personId && GRADES.has(g.grade));
  return [replace, ...grades.map((g): Write => ({ kind: 'appraisal', row: { personId: g.personId, year, source: 'assessment', ref: a.assessmentId, grade: g.grade } }))];
}

type BulkKind = 'person' | 'record' | 'appraisal' | 'relative' | 'role' | 'investigation' | 'holdingStarted' | 'holdingEnded';

/** Later rows of one key replace earlier ones (an upsert's effect); with `keepFirst`, the first stays (an insert that ignores conflicts). */
function byKey<T extends ObjectLiteral>(rows: T[], key: (r: T) => string, keepFirst = false): T[] {
  const out = new Map<string, T>();
  for (const r of rows) if (!keepFirst || !out.has(key(r))) out.set(key(r), r);
  return [...out.values()];
}

async function insert<T extends ObjectLiteral>(m: EntityManager, entity: new () => T, rows: T[], conflict: { ignore: true } | { update: string[]; on: string[] }): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const q = m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + ROWS_PER_INSERT)).updateEntity(false);
    await ('ignore' in conflict ? q.orIgnore() : q.orUpdate(conflict.update, conflict.on)).execute();
  }
}

const BULK: Record<BulkKind, (m: EntityManager, rows: ObjectLiteral[]) => Promise<void>> = {
  person: (m, rows) => upsertPersons(m, rows as RosterPersonRecord[]),
  record: (m, rows) => insert(m, RosterRecordRecord, byKey(rows as RosterRecordRecord[], (r) => r.recordId, true), { ignore: true }),
  appraisal: (m, rows) =>
    insert(m, RosterAppraisalRecord, byKey(rows as RosterAppraisalRecord[], (r) => `${r.personId}|${r.year}|${r.source}|${r.ref}`), { update: ['grade'], on: ['person_id', 'year', 'source', 'ref'] }),
  relative: (m, rows) => insert(m, RosterRelativeRecord, rows as RosterRelativeRecord[], { ignore: true }),
  role: (m, rows) => insert(m, RosterRoleRecord, byKey(rows as RosterRoleRecord[], (r) => `${r.personId}|${r.role}`), { update: ['village_code', 'since', 'until'], on: ['person_id', 'role'] }),
  investigation: (m, rows) => insert(m, RosterInvestigationRecord, byKey(rows as RosterInvestigationRecord[], (r) => r.investigationId, true), { ignore: true }),
  holdingStarted: (m, rows) => insert(m, RosterHoldingRecord, byKey(rows as RosterHoldingRecord[], holdingKey, true), { ignore: true }),
  holdingEnded: (m, rows) => insert(m, RosterHoldingRecord, byKey(rows as RosterHoldingRecord[], holdingKey), { update: ['to_date'], on: ['village_code', 'person_id', 'body', 'post', 'from_date'] }),
};

const holdingKey = (h: RosterHoldingRecord) => `${h.villageCode}|${h.personId}|${h.body}|${h.post}|${h.fromDate}`;

/**
 * The newest details of each person replace the row; the villages that named the person accumulate
 * in order. Only this projection writes the table and its batches never overlap, so the villages
 * already there are read and merged in the batch's transaction.
 */
async function upsertPersons(m: EntityManager, rows: RosterPersonRecord[]): Promise<void> {
  const known = await m.find(RosterPersonRecord, { select: { personId: true, villages: true }, where: { personId: In([...new Set(rows.map((r) => r.personId))]) } });
  const villages = new Map(known.map((p) => [p.personId, p.villages]));
  const merged = new Map<string, RosterPersonRecord>();
  for (const r of rows) {
    const before = merged.get(r.personId)?.villages ?? villages.get(r.personId) ?? [];
    merged.set(r.personId, { ...r, villages: before.includes(r.villages[0]) ? before : [...before, r.villages[0]] });
  }
  const columns = ['name', 'ethnicity', 'education', 'political_status', 'party_join_date', 'phone', 'tags', 'villages'];
  await insert(m, RosterPersonRecord, [...merged.values()], { update: columns, on: ['person_id'] });
}
