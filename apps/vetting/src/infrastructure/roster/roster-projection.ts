import type { PoolClient } from 'pg';
import { CitizenId } from '@lw/domain';
import type { StoredEvent } from '@lw/eventstore';
import type { PersonEvent, VillageEvent } from '../../domain/roster';

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

/** Projection name: its checkpoint commits with the read-model rows (libs/eventstore Projector). */
export const ROSTER_PROJECTION = 'roster';

export function isRosterEvent(e: StoredEvent): boolean {
  return e.streamId.startsWith('roster-') || (e.streamId.startsWith('assessment-') && e.type === 'AssessmentRecorded');
}

/** Applies roster and assessment events to the roster_* tables; every statement is idempotent. */
export async function projectRoster(events: readonly StoredEvent[], tx: PoolClient): Promise<void> {
  for (const e of events) {
    if (!isRosterEvent(e)) continue;
    if (e.type === 'AssessmentRecorded') await projectAssessment(e.data as AssessmentRecorded, tx);
    else if (e.streamId.startsWith('roster-village-')) await projectVillage({ type: e.type, data: e.data } as VillageEvent, tx);
    else await projectPerson({ type: e.type, data: e.data } as PersonEvent, tx);
  }
}

async function projectPerson(e: PersonEvent, tx: PoolClient): Promise<void> {
  const d = e.data;
  switch (e.type) {
    case 'PersonRecorded': {
      const p = e.data;
      const id = CitizenId.parse(p.citizenId);
      await tx.query(
        `INSERT INTO roster_persons (person_id, citizen_id, name, gender, birth_date, ethnicity, education, political_status, party_join_date, phone, tags, villages)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ARRAY[$12::text])
         ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, ethnicity = excluded.ethnicity, education = excluded.education,
           political_status = excluded.political_status, party_join_date = excluded.party_join_date, phone = excluded.phone, tags = excluded.tags,
           villages = CASE WHEN $12 = ANY (roster_persons.villages) THEN roster_persons.villages ELSE roster_persons.villages || $12::text END`,
        [p.personId, id.value, p.name, id.gender, id.birthDate, p.ethnicity, p.education, p.politicalStatus, p.partyJoinDate, p.phone, p.tags, p.villageCode],
      );
      return;
    }
    case 'RecordAdded': {
      const r = e.data;
      await tx.query(
        `INSERT INTO roster_records (record_id, person_id, text, kind, label, category, date, ends_on, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (record_id) DO NOTHING`,
        [r.recordId, r.personId, r.text, r.kind, r.label, r.category, r.date, r.endsOn, r.source],
      );
      return;
    }
    case 'RecordEnded':
      await tx.query('UPDATE roster_records SET ends_on = $2 WHERE record_id = $1', [e.data.recordId, e.data.endsOn]);
      return;
    case 'AppraisalRecorded':
      await tx.query(
        `INSERT INTO roster_appraisals (person_id, year, source, ref, grade) VALUES ($1, $2, 'roster', '', $3)
         ON CONFLICT (person_id, year, source, ref) DO UPDATE SET grade = excluded.grade`,
        [e.data.personId, e.data.year, e.data.grade],
      );
      return;
    case 'RelativeLinked':
      await tx.query('INSERT INTO roster_relatives (person_id, relative_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [e.data.personId, e.data.relativeId, e.data.kind]);
      return;
    case 'RoleAssigned':
      await tx.query(
        `INSERT INTO roster_roles (person_id, role, village_code, since, until) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (person_id, role) DO UPDATE SET village_code = excluded.village_code, since = excluded.since, until = excluded.until`,
        [e.data.personId, e.data.role, e.data.villageCode, e.data.since, e.data.until],
      );
      return;
    case 'InvestigationOpened':
      await tx.query('INSERT INTO roster_investigations (investigation_id, person_id, since, source) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        e.data.investigationId,
        d.personId,
        e.data.since,
        e.data.source,
      ]);
      return;
    case 'InvestigationClosed':
      await tx.query('UPDATE roster_investigations SET closed_on = $2 WHERE investigation_id = $1', [e.data.investigationId, e.data.closedOn]);
      return;
  }
}

async function projectVillage(e: VillageEvent, tx: PoolClient): Promise<void> {
  const h = e.data;
  if (e.type === 'HoldingStarted') {
    await tx.query(
      `INSERT INTO roster_holdings (village_code, person_id, body, post, from_date) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [h.villageCode, h.personId, h.body, h.post, h.from],
    );
  } else {
    await tx.query('UPDATE roster_holdings SET to_date = $6 WHERE village_code = $1 AND person_id = $2 AND body = $3 AND post = $4 AND from_date = $5', [
      h.villageCode,
      h.personId,
      h.body,
      h.post,
      h.from,
      e.data.to,
    ]);
  }
}

/** Member grades become appraisals of source 'assessment' (the year from the event, else the period's first four digits). */
async function projectAssessment(a: AssessmentRecorded, tx: PoolClient): Promise<void> {
  const year = a.year ?? Number(/^\d{4}/.exec(a.period ?? '')?.[0]);
  if (!Number.isInteger(year)) return;
  // A correction or re-run replaces the grades it supersedes whole: a person taken off the list, or
  // an invalid (low-turnout) assessment, must leave no grade behind for the negative list.
  await tx.query(`DELETE FROM roster_appraisals WHERE source = 'assessment' AND ref = ANY($1)`, [[a.assessmentId, ...(a.rerunOf ? [a.rerunOf] : [])]]);
  if (a.valid === false) return;
  for (const g of a.memberGrades ?? []) {
    if (!g.personId || !GRADES.has(g.grade)) continue;
    await tx.query(
      `INSERT INTO roster_appraisals (person_id, year, source, ref, grade) VALUES ($1, $2, 'assessment', $3, $4)
       ON CONFLICT (person_id, year, source, ref) DO UPDATE SET grade = excluded.grade`,
      [g.personId, year, a.assessmentId, g.grade],
    );
  }
}
