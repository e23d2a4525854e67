import { BadRequestException, Body, Controller, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import type { Actor, YearArrangement } from '@lw/domain';
import { CurrentActor, Roles } from '@lw/auth';
import { CalendarStore, LoadedYear } from '../calendar/calendar-store';

export const CALENDAR_STORE = Symbol('CalendarStore');

/** Administrators load a year's official holiday arrangement; everyone may read the horizon. */
@Controller('admin/calendar')
export class CalendarController {
  constructor(@Inject(CALENDAR_STORE) private readonly store: CalendarStore) {}

  @Get()
  async overview(): Promise<{ horizon: number; coveredYears: number[]; loaded: LoadedYear[] }> {
    const calendar = this.store.calendar();
    return { horizon: calendar.horizon(), coveredYears: calendar.coveredYears(), loaded: await this.store.loadedYears() };
  }

  @Put('years/:year')
  @Roles('admin')
  async loadYear(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: YearArrangement,
    @CurrentActor() actor: Actor,
  ): Promise<{ horizon: number; year: number }> {
    if (!body || typeof body !== 'object') throw new BadRequestException({ message: '请提交节假日安排' });
    if (body.year !== year) throw new BadRequestException({ message: `路径中的年份 ${year} 与安排中的年份不一致` });
    const calendar = await this.store.loadYear(body, actor);
    return { horizon: calendar.horizon(), year };
  }
}
