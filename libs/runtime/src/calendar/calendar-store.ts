import type { Pool } from 'pg';
import { Actor, bundledChineseDaysData, validateYearArrangement, WorkingCalendar, YearArrangement } from '@lw/domain';

export interface LoadedYear {
  year: number;
  source: string;
  loadedBy: string;
  loadedAt: Date;
}

/**
 * The working-day calendar every deadline uses: the bundled chinese-days data plus the years an
 * administrator loaded, which replace the package's data for their year. Loading a year is data,
 * not a release; the calendar in memory is rebuilt at once.
 */
export class CalendarStore {
  private current: WorkingCalendar = new WorkingCalendar(bundledChineseDaysData());

  /** The pool's search_path must hold calendar_years (calendarMigrations). */
  constructor(private readonly pool: Pool) {}

  calendar(): WorkingCalendar {
    return this.current;
  }

  async reload(): Promise<WorkingCalendar> {
    const { rows } = await this.pool.query<{ arrangement: YearArrangement }>('SELECT arrangement FROM calendar_years ORDER BY year');
    this.current = new WorkingCalendar(bundledChineseDaysData(), rows.map((r) => r.arrangement));
    return this.current;
  }

  /** Validates first (a DomainValidationError names every problem); nothing is stored unless valid. */
  async loadYear(arrangement: YearArrangement, actor: Actor): Promise<WorkingCalendar> {
    validateYearArrangement(arrangement);
    await this.pool.query(
      `INSERT INTO calendar_years (year, arrangement, source, loaded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (year) DO UPDATE SET arrangement = EXCLUDED.arrangement, source = EXCLUDED.source,
         loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      [arrangement.year, JSON.stringify(arrangement), arrangement.source, actor.userId],
    );
    return this.reload();
  }

  async loadedYears(): Promise<LoadedYear[]> {
    const { rows } = await this.pool.query<{ year: number; source: string; loaded_by: string; loaded_at: Date }>(
      'SELECT year, source, loaded_by, loaded_at FROM calendar_years ORDER BY year',
    );
    return rows.map((r) => ({ year: r.year, source: r.source, loadedBy: r.loaded_by, loadedAt: r.loaded_at }));
  }
}
