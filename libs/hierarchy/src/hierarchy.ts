import { Pool } from 'pg';
import { unpadDivisionCode } from '@lw/domain';
import { isDivisionCode, parentCodeOf, toCode12 } from './division-code';
import { fromDayNumber, OPEN_END, toDayNumber } from './division-dates';
import { DIVISION_LEVELS, DivisionLevel, DivisionNode, Succession } from './division-types';
import { ensureChildren, KINDS, loadSnapshot, Snapshot } from './hierarchy-snapshot';

export interface HierarchyOptions {
  /** Load only this code's subtree and its ancestors (a county deployment); default the whole table. */
  scope?: string;
}

export interface SearchOptions {
  /** Only nodes inside this subtree (the caller's own node included). */
  within?: string;
  limit?: number;
  level?: DivisionLevel;
  /** yyyy-mm-dd; default the current versions. */
  asOf?: string;
}

/**
 * The division tree in memory for the request path (guards, pickers, report scopes), loaded from
 * PostgreSQL and swapped whole on reload(), so a reader never sees a half-loaded tree.
 *
 * Scope checks follow parent links, and a code's parent is its prefix: the statistics never move a
 * code, a village that changes township gets a new code (recorded as a succession). So every
 * version of a code, closed ones included, keeps the ancestry it had while it existed, and records
 * filed under a merged village stay inside the subtree they belonged to. An unknown code is inside
 * nothing, which a bare prefix test would not give.
 */
export class Hierarchy {
  private constructor(
    private readonly pool: Pool,
    private readonly options: HierarchyOptions,
    private s: Snapshot,
  ) {}

  static async load(pool: Pool, options: HierarchyOptions = {}): Promise<Hierarchy> {
    const scope = options.scope === undefined ? undefined : unpadDivisionCode(options.scope);
    if (scope !== undefined && !isDivisionCode(scope)) throw new Error(`区划代码无效：${options.scope}`);
    return new Hierarchy(pool, { scope }, await loadSnapshot(pool, scope));
  }

  async reload(): Promise<void> {
    this.s = await loadSnapshot(this.pool, this.options.scope);
  }

  /** Number of codes (not versions) loaded. */
  /** The deployment's root code (significant digits) when loaded with a scope. */
  get scope(): string | undefined {
    return this.options.scope;
  }

  get size(): number {
    return this.s.heads.length;
  }

  /** The version valid at asOf, or without asOf the newest version (which is closed if validTo is set). */
  get(code: string, asOf?: string): DivisionNode | undefined {
    const h = this.s.head.get(unpadDivisionCode(code));
    if (h === undefined) return undefined;
    const v = asOf === undefined ? h : this.versionAt(h, toDayNumber(asOf));
    return v < 0 ? undefined : this.node(v);
  }

  /** Every version of a code, oldest first. */
  history(code: string): DivisionNode[] {
    const out: DivisionNode[] = [];
    for (let v = this.s.head.get(unpadDivisionCode(code)) ?? -1; v >= 0; v = this.s.prev[v]) out.unshift(this.node(v));
    return out;
  }

  /**
   * True when code is ancestorCode or lies below it; false for unknown codes. Two map lookups and
   * at most four parent hops; allocates only when given a padded 12-digit county/township code.
   */
  isInside(code: string, ancestorCode: string): boolean {
    const s = this.s;
    const a = s.head.get(unpadDivisionCode(ancestorCode));
    if (a === undefined) return false;
    let v = s.head.get(unpadDivisionCode(code));
    if (v === undefined) return false;
    while (v >= 0) {
      if (v === a) return true;
      v = s.parent[v];
    }
    return false;
  }

  /** Ancestors, province first, excluding the node itself (newest versions). */
  ancestors(code: string): DivisionNode[] {
    const out: DivisionNode[] = [];
    const h = this.s.head.get(unpadDivisionCode(code));
    if (h === undefined) return out;
    for (let v = this.s.parent[h]; v >= 0; v = this.s.parent[v]) out.unshift(this.node(v));
    return out;
  }

  /** Direct children valid at asOf (default: current), by code. */
  children(code: string, asOf?: string): DivisionNode[] {
    const h = this.s.head.get(unpadDivisionCode(code));
    if (h === undefined) return [];
    const day = asOf === undefined ? undefined : toDayNumber(asOf);
    const { childStart, childList } = ensureChildren(this.s);
    const out: DivisionNode[] = [];
    for (let k = childStart[h]; k < childStart[h + 1]; k++) {
      const v = this.validVersion(childList[k], day);
      if (v >= 0) out.push(this.node(v));
    }
    return out;
  }

  /** Everything below code (not code itself) valid at asOf (default: current), optionally one level only, by code. */
  descendants(code: string, options: { level?: DivisionLevel; asOf?: string } = {}): DivisionNode[] {
    const h = this.s.head.get(unpadDivisionCode(code));
    if (h === undefined) return [];
    const day = options.asOf === undefined ? undefined : toDayNumber(options.asOf);
    const wanted = options.level === undefined ? -1 : DIVISION_LEVELS.indexOf(options.level);
    const { childStart, childList } = ensureChildren(this.s);
    const out: DivisionNode[] = [];
    const walk = (p: number): void => {
      for (let k = childStart[p]; k < childStart[p + 1]; k++) {
        const c = childList[k];
        const lvl = this.s.level[c];
        if (wanted < 0 || lvl === wanted) {
          const v = this.validVersion(c, day);
          if (v >= 0) out.push(this.node(v));
        }
        // Closed parents are still walked: a history query may want children that outlived them.
        if (wanted < 0 || lvl < wanted) walk(c);
      }
    };
    walk(h);
    return out;
  }

  /**
   * Finds nodes by name substring (新安 → 新安镇 and the 新安… villages), pinyin initials
   * (gnx → 灌南县, prefix of the full or short name's initials) or code prefix. Exact matches
   * first, then prefix, then substring; within a rank higher levels first, then by code.
   */
  search(query: string, options: SearchOptions = {}): DivisionNode[] {
    const s = this.s;
    const q = query.trim().toLowerCase();
    const limit = options.limit ?? 20;
    if (q === '' || limit <= 0) return [];
    let within = -1;
    if (options.within !== undefined) {
      within = s.head.get(unpadDivisionCode(options.within)) ?? -2;
      if (within === -2) return [];
    }
    const day = options.asOf === undefined ? undefined : toDayNumber(options.asOf);
    const level = options.level === undefined ? -1 : DIVISION_LEVELS.indexOf(options.level);
    const mode = /^[0-9]+$/.test(q) ? 'code' : /^[a-z0-9]+$/.test(q) ? 'initials' : 'name';
    const buckets: number[][] = [[], [], []];
    for (const h of s.heads) {
      if (level >= 0 && s.level[h] !== level) continue;
      const v = this.validVersion(h, day);
      if (v < 0) continue;
      const rank = mode === 'code' ? rankCode(s.code[v], q) : mode === 'initials' ? this.rankInitials(v, q) : this.rankName(v, q);
      if (rank < 0 || buckets[rank].length >= limit) continue;
      if (within >= 0 && !this.insideIndex(h, within)) continue;
      buckets[rank].push(v);
      // heads are in (level, code) order, so a full bucket of exact matches cannot be outranked
      if (buckets[0].length >= limit) break;
    }
    return buckets.flat().slice(0, limit).map((v) => this.node(v));
  }

  /** Successions in which code is the old code (what replaced it). */
  successorsOf(code: string): Succession[] {
    const c = unpadDivisionCode(code);
    return this.s.successions.filter((x) => x.fromCode === c);
  }

  /** Successions in which code is the new code (what it replaced). */
  predecessorsOf(code: string): Succession[] {
    const c = unpadDivisionCode(code);
    return this.s.successions.filter((x) => x.toCode === c);
  }

  private insideIndex(v: number, ancestor: number): boolean {
    for (; v >= 0; v = this.s.parent[v]) if (v === ancestor) return true;
    return false;
  }

  private versionAt(head: number, day: number): number {
    for (let v = head; v >= 0; v = this.s.prev[v]) if (this.s.validFrom[v] <= day && day < this.s.validTo[v]) return v;
    return -1;
  }

  private validVersion(head: number, day: number | undefined): number {
    if (day === undefined) return this.s.validTo[head] === OPEN_END ? head : -1;
    return this.versionAt(head, day);
  }

  private rankName(v: number, q: string): number {
    const name = this.s.name[v];
    const at = name.indexOf(q);
    if (at < 0) return -1;
    if (at > 0) return 2;
    return name.length === q.length || this.s.shortLen[v] === q.length ? 0 : 1;
  }

  private rankInitials(v: number, q: string): number {
    const initials = this.s.initials[v];
    if (!initials.startsWith(q)) return -1;
    return initials.length === q.length || this.s.shortInitialsLen[v] === q.length ? 0 : 1;
  }

  private node(v: number): DivisionNode {
    const s = this.s;
    const code = s.code[v];
    return {
      code,
      code12: toCode12(code),
      name: s.name[v],
      shortName: s.name[v].slice(0, s.shortLen[v]),
      level: DIVISION_LEVELS[s.level[v]],
      parentCode: parentCodeOf(code),
      villageKind: KINDS[s.villageKind[v]],
      nameKind: KINDS[s.nameKind[v]],
      initials: s.initials[v],
      validFrom: fromDayNumber(s.validFrom[v]),
      validTo: s.validTo[v] === OPEN_END ? null : fromDayNumber(s.validTo[v]),
      dataYear: s.dataYear[v],
    };
  }
}

function rankCode(code: string, q: string): number {
  if (!code.startsWith(q)) return -1;
  return code.length === q.length ? 0 : 1;
}
