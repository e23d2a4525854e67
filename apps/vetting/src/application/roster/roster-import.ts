import type { Actor, LocalDate } from '@lw/domain';
import { decideAndAppend } from '@lw/eventstore';
import { mapHeader, personDecider, personStream, planImport, validateRoster, villageDecider, villageStream, type KnownPerson, type RosterRowError, type SheetRows } from '../../domain/roster';
import { personReach } from './person-reach';
import type { RosterDeps } from './roster-deps';
import { inTransaction } from './roster-writes';
import { loadPersons, loadVillages } from './roster-streams';

export type ImportMode = 'all_or_nothing' | 'valid_rows_only';

export interface ImportRequest {
  sheet: SheetRows;
  mode: ImportMode;
  dryRun: boolean;
  /** The day the imported posts are held from. */
  date: LocalDate;
  /** The villages the importer may write to (code → the names a clerk may write, the usual one first): the subtree of their node. */
  villages: ReadonlyMap<string, readonly string[]>;
  actor: Actor;
}

export interface ImportResult {
  mode: ImportMode;
  dryRun: boolean;
  /** False when nothing was written: a dry run, or all_or_nothing with a bad row. */
  written: boolean;
  /** Data rows read (blank rows not counted). */
  rows: number;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Every row not imported, in row order, each message "第 N 行：…". */
  refused: RosterRowError[];
  /** One sentence for the clerk. */
  message: string;
}

/**
 * Imports a clerk's 花名册: every row checked (validateRoster), then decided against the roster
 * (planImport) and written in ONE transaction under the citizen ids' and villages' locks (so two
 * imports never collide on a stream). all_or_nothing writes nothing when any row is bad;
 * valid_rows_only writes the good rows and lists the others.
 * A citizen id whose person has records outside the importer's area is refused with one neutral
 * answer (planImport), so an import neither takes over nor reveals another township's person.
 */
export async function importRoster(deps: RosterDeps, req: ImportRequest): Promise<ImportResult> {
  const checked = validateRoster(withUsualVillageNames(req.sheet, req.villages), { today: deps.today(), villages: new Map([...req.villages].map(([c, names]) => [c, names[0]])) });
  const refusedRows = new Set(checked.errors.map((e) => e.row));
  const rowCount = checked.valid.length + refusedRows.size;
  const result = (written: boolean, refused: RosterRowError[], counts = { created: 0, updated: 0, unchanged: 0 }): ImportResult => {
    const sorted = [...refused].sort((a, b) => a.row - b.row);
    const bad = new Set(sorted.map((e) => e.row)).size;
    const imported = counts.created + counts.updated + counts.unchanged;
    const list = sorted.map((e) => e.message).join('；');
    const message = !written && bad && req.mode === 'all_or_nothing'
      ? `有 ${bad} 行不符合要求，本次未导入任何数据，请修改后重新导入：${list}`
      : `${req.dryRun ? '（试导入，未写入）' : ''}已导入 ${imported} 行（新增 ${counts.created}，更新 ${counts.updated}，无变化 ${counts.unchanged}）${bad ? `；以下 ${bad} 行未导入：${list}` : ''}`;
    return { mode: req.mode, dryRun: req.dryRun, written, rows: rowCount, imported: written || req.dryRun ? imported : 0, ...counts, refused: sorted, message };
  };
  if (req.mode === 'all_or_nothing' && checked.errors.length) return result(false, checked.errors);
  if (!checked.valid.length) return result(false, checked.errors);

  return inTransaction(deps, async (tx) => {
    const citizenIds = [...new Set(checked.valid.map((r) => r.citizenId))];
    const villageCodes = [...new Set(checked.valid.map((r) => r.villageCode))];
    await deps.citizenIds.lock(tx, { citizenIds, villageCodes });
    const claimed = await deps.citizenIds.claimed(tx, citizenIds);
    const persons = await loadPersons(deps.store, [...claimed.values()], tx);
    const reach = await personReach(deps.reachOf, [...claimed.values()], tx, new Map([...persons].map(([id, l]) => [id, l.state])));
    const villages = await loadVillages(deps.store, villageCodes, tx);
    const basis = new Map<string, KnownPerson>();
    for (const [citizenId, personId] of claimed) {
      const s = persons.get(personId)!.state;
      basis.set(citizenId, { personId, details: s.details, villages: s.villages, reach: reach.get(personId)! });
    }
    const area = new Set(req.villages.keys());
    const plan = planImport(checked.valid, { persons: basis, villages: new Map([...villages].map(([c, v]) => [c, v.state])), area }, req.date, () => deps.newId());
    const refused = [...checked.errors, ...plan.errors];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const o of plan.outcomes) counts[o.outcome]++;
    if ((req.mode === 'all_or_nothing' && refused.length) || req.dryRun) return result(false, refused, req.dryRun && !(req.mode === 'all_or_nothing' && refused.length) ? counts : undefined);
    await deps.citizenIds.claim(tx, [...plan.persons].filter(([, p]) => p.isNew).map(([personId, p]) => ({ citizenId: p.citizenId, personId })));
    // Through the one decider loop, from the states read above under the locks (no stream read twice).
    const ctx = { tx, actor: req.actor, causationId: null };
    for (const [personId, p] of plan.persons) {
      const preloaded = persons.get(personId) ?? { state: null, version: 0 };
      await decideAndAppend(deps.store, personDecider(personId), personStream(personId), () => p.events, ctx, { preloaded });
    }
    for (const [code, events] of plan.villages) await decideAndAppend(deps.store, villageDecider, villageStream(code), () => events, ctx, { preloaded: villages.get(code)! });
    return result(true, refused, counts);
  });
}

const compactName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The hierarchy names a village "新安村村委会" while clerks write "新安村": either is accepted, so
 * the village-name cell is replaced by the usual name when it is one of the village's names.
 */
function withUsualVillageNames(sheet: SheetRows, villages: ReadonlyMap<string, readonly string[]>): SheetRows {
  const { columns } = mapHeader(sheet.header);
  const nameAt = columns.get('villageName');
  const codeAt = columns.get('villageCode');
  if (nameAt === undefined || codeAt === undefined) return sheet;
  const rows = sheet.rows.map((cells) => {
    const names = villages.get(compactName(cells[codeAt] ?? ''));
    const cell = compactName(cells[nameAt] ?? '');
    if (!names || !cell || !names.some((n) => compactName(n) === cell)) return cells;
    const copy = [...cells];
    copy[nameAt] = names[0];
    return copy;
  });
  return { ...sheet, rows };
}
