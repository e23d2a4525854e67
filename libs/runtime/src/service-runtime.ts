import type { Provider, Type } from '@nestjs/common';
import type { AuditLog } from '@lw/auth';
import type { Hierarchy } from '@lw/hierarchy';
import type { IntegrationHandler } from '@lw/messaging';
import type { CalendarStore } from './calendar/calendar-store';
import type { Mode } from './config';

/** What a host shares with each service it runs. The same shape in embedded and distributed mode. */
export interface ServicePlatform {
  mode: Mode;
  hierarchy: Hierarchy;
  /** The working-day calendar; call calendar.calendar() per use, an administrator may reload it. */
  calendar: CalendarStore;
  auditLog: AuditLog;
  /** Embedded mode's data folder (keys, uploaded files). */
  dataDir: string;
  /** The process environment, for a service's own settings (each service validates its part). */
  env: NodeJS.ProcessEnv;
}

/**
 * A reading a service offers the metrics endpoint, computed at scrape time with one cheap query
 * (e.g. tips overdue, grievance cases red). Name it lw_<service>_<what>.
 */
export interface ServiceMetric {
  name: string;
  help: string;
  read(): Promise<number>;
}

/** A service's own moving parts, built once its schema is migrated. */
export interface ServiceRuntime {
  /** Integration events it reacts to, handled inside its inbox transaction. */
  consumes?: { producers: string[]; handle: IntegrationHandler };
  /** Providers its Nest controllers and its handlers inject. */
  providers?: Provider[];
  /** Its @CommandHandler and @QueryHandler classes: the kernel's buses dispatch to them. */
  handlers?: Type[];
  /** Registers job handlers, starts projectors; runs before the relay and the jobs start. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Gauges read at scrape time; see ServiceMetric. */
  metrics?: ServiceMetric[];
}
