import { Controller } from '@nestjs/common';

/** The roster (/vetting/roster/…). */
@Controller('roster')
export class RosterController {}
