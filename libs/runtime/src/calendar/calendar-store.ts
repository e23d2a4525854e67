import type { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import { Actor, bundledChineseDaysData, DomainValidationError, validateYearArrangement, WorkingCalendar, YearArrangement } from '@lw/domain';

export interface LoadedYear {
  year: number;
  /** The version in force (1 for the first load). */
  version: number;
  source: string;
  loadedBy: string;
  loadedAt: Date;
}

export interface YearVersion extends LoadedYear {
  reason: string;
  arrangement: YearArrangement;
}

/**
 * The working-day calendar every deadline uses: the bundled chinese-days data plus the years an
 * administrator loaded, which replace the package's data for their year. Loading a year is data,
 * not a release; the calendar in memory is rebuilt at once. Each load is a new version of the year
 * (the earlier ones kept, with who, when and why); deadlines already computed are stored where they
 * were computed and stay as they were.
 */
export class CalendarStore {
  private current: WorkingCalendar = new WorkingCalendar(bundledChineseDaysData());

  /** The pool's search_path must hold calendar_years and calendar_year_versions (calendarMigrations). */
  constructor(private readonly pool: Pool) {}

  calendar(): WorkingCalendar {
    return this.current;
  }

  async reload(): Promise<WorkingCalendar> {
    const { rows } = await this.pool.query<{ arrangement: YearArrangement }>('SELECT arrangement FROM calendar_years ORDER BY year');
    this.current = new WorkingCalendar(bundledChineseDaysData(), rows.map((r) => r.arrangement));
    return this.current;
  }

  /**
   * Validates first (a DomainValidationError names every problem); nothing is stored unless valid.
   * Replacing a loaded year needs a reason; the first load of a year defaults it to its notice.
   */
  async loadYear(arrangement: YearArrangement, actor: Actor, reason?: string): Promise<WorkingCalendar> {
    validateYearArrangement(arrangement);
    const stored: YearArrangement = {
      year: arrangement.year,
      source: arrangement.source,
      holidays: arrangement.holidays,
      makeUpWorkdays: arrangement.makeUpWorkdays,
    };
    const why = reason?.trim();
    if (why !== undefined && why.length > 500) throw new DomainValidationError('calendar.reason', '修改原因不能超过 500 字', 'reason too long');
    await withTransaction(this.pool, async (client) => {
      // One writer per year at a time, so versions are numbered without gaps or clashes.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('calendar_year_versions'), $1)`, [arrangement.year]);
      const { rows } = await client.query<{ latest: number | null }>('SELECT max(version) AS latest FROM calendar_year_versions WHERE year = $1', [arrangement.year]);
      const version = (rows[0]?.latest ?? 0) + 1;
      if (version > 1 && !why) {
        throw new DomainValidationError('calendar.reason_required', `${arrangement.year} 年的安排已载入，修改须说明原因`, 'replacing a loaded year needs a reason');
      }
      await client.query(
        `INSERT INTO calendar_year_versions (year, version, arrangement, source, reason, loaded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [arrangement.year, version, JSON.stringify(stored), arrangement.source, why || `首次载入：${arrangement.source}`, actor.userId],
      );
      await client.query(
        `INSERT INTO calendar_years (year, arrangement, source, loaded_by, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO UPDATE SET arrangement = EXCLUDED.arrangement, source = EXCLUDED.source,
           loaded_by = EXCLUDED.loaded_by, loaded_at = now(), version = EXCLUDED.version`,
        [arrangement.year, JSON.stringify(stored), arrangement.source, actor.userId, version],
      );
    });
    return this.reload();
  }

  async loadedYears(): Promise<LoadedYear[]> {
    const { rows } = await this.pool.query<{ year: number; version: number; source: string; loaded_by: string; loaded_at: Date }>(
      'SELECT year, version, source, loaded_by, loaded_at FROM calendar_years ORDER BY year',
    );
    return rows.map((r) => ({ year: r.year, version: r.version, source: r.source, loadedBy: r.loaded_by, loadedAt: r.loaded_at }));
  }

  /** Every version of a year, oldest first. */
  async versions(year: number): Promise<YearVersion[]> {
    const { rows } = await this.pool.query<{ year: number; version: number; source: string; reason: string; loaded_by: string; loaded_at: Date; arrangement: YearArrangement }>(
      'SELECT year, version, source, reason, loaded_by, loaded_at, arrangement FROM calendar_year_versions WHERE year = $1 ORDER BY version',
      [year],
    );
    return rows.map((r) => ({ year: r.year, version: r.version, source: r.source, reason: r.reason, loadedBy: r.loaded_by, loadedAt: r.loaded_at, arrangement: r.arrangement }));
  }
}
