import { BadRequestException, Body, Controller, ForbiddenException, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { REQUEST_DATE_RANGE, type Actor, type YearArrangement } from '@lw/domain';
import { CurrentActor, ROLES, Roles } from '@lw/auth';
import type { Hierarchy } from '@lw/hierarchy';
import { CalendarStore, LoadedYear, YearVersion } from '../calendar/calendar-store';
import { isInstallationRoot } from '../calendar/installation-root';
import { HIERARCHY } from './hierarchy.controller';

export const CALENDAR_STORE = Symbol('CalendarStore');

/** A year of the path within the years a request may name (1900–2100); else 400, never a database error. */
function requestYear(year: number): number {
  const first = Number(REQUEST_DATE_RANGE.earliest.slice(0, 4));
  const last = Number(REQUEST_DATE_RANGE.latest.slice(0, 4));
  if (!Number.isSafeInteger(year) || year < first || year > last) throw new BadRequestException({ message: `年份须在 ${first} 至 ${last} 之间` });
  return year;
}

/**
 * Administrators at the installation's top node load a year's official holiday arrangement (a new
 * version of the year; a change needs a reason); everyone may read the horizon and the versions.
 */
@Controller('admin/calendar')
export class CalendarController {
  constructor(
    @Inject(CALENDAR_STORE) private readonly store: CalendarStore,
    @Inject(HIERARCHY) private readonly hierarchy: Hierarchy,
  ) {}

  @Get()
  @Roles(...ROLES)
  async overview(): Promise<{ horizon: number; coveredYears: number[]; loaded: LoadedYear[] }> {
    const calendar = this.store.calendar();
    return { horizon: calendar.horizon(), coveredYears: calendar.coveredYears(), loaded: await this.store.loadedYears() };
  }

  @Get('years/:year/versions')
  @Roles(...ROLES)
  versions(@Param('year', ParseIntPipe) year: number): Promise<YearVersion[]> {
    return this.store.versions(requestYear(year));
  }

  /** Body: the arrangement, plus `reason` (required when the year was loaded before). */
  @Put('years/:year')
  @Roles('admin')
  async loadYear(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: YearArrangement & { reason?: unknown },
    @CurrentActor() actor: Actor,
  ): Promise<{ horizon: number; year: number; version: number }> {
    // Every statutory deadline of the installation follows this calendar: not a township's call.
    requestYear(year);
    if (!isInstallationRoot(this.hierarchy, actor.node)) throw new ForbiddenException({ message: '工作日历是全国性数据，只能由本系统最高层级的管理员修改' });
    if (!body || typeof body !== 'object') throw new BadRequestException({ message: '请提交节假日安排' });
    if (body.year !== year) throw new BadRequestException({ message: `路径中的年份 ${year} 与安排中的年份不一致` });
    if (body.reason !== undefined && typeof body.reason !== 'string') throw new BadRequestException({ message: '修改原因须为文字' });
    const calendar = await this.store.loadYear(body, actor, body.reason);
    const loaded = (await this.store.loadedYears()).find((y) => y.year === year);
    return { horizon: calendar.horizon(), year, version: loaded?.version ?? 1 };
  }
}
