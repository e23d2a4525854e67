import { DynamicModule, INestApplication, LoggerService, Module, Type } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { AuthModule, AuthModuleOptions } from '@lw/auth';
import type { Hierarchy } from '@lw/hierarchy';
import type { Logger } from '../logger';
import type { ServiceDefinition } from '../service-definition';
import type { ServiceKernel } from '../service-kernel';
import { CalendarStore } from '../calendar/calendar-store';
import { CALENDAR_STORE, CalendarController } from './calendar.controller';
import { DatabaseUnavailableFilter } from './database-unavailable.filter';
import { DomainErrorFilter } from './domain-error.filter';
import { HIERARCHY, HierarchyController } from './hierarchy.controller';
import { RequestTextPipe } from './parse-input';
import { publishServiceOpenApi } from './openapi/service-openapi';
import { METRICS_REGISTRY, MetricsController } from './metrics.controller';
import { CorrelationInterceptor, correlationMiddleware } from '../ops/correlation.middleware';
import { createPlatformMetrics, PlatformMetrics } from '../ops/metrics/platform-metrics';
import { httpMetricsMiddleware } from '../ops/metrics/http-metrics';
import type { TrustProxy } from '../trust-proxy';
import { apiSecurityHeaders } from './security-headers';

export interface HttpAppOptions {
  services: { definition: ServiceDefinition; kernel: ServiceKernel }[];
  auth: AuthModuleOptions;
  hierarchy: Hierarchy;
  calendar: CalendarStore;
  logger: Logger;
  /** Further modules of the host (e.g. the standalone's admin endpoints). */
  extra?: (Type | DynamicModule)[];
  /** TRUST_PROXY: which proxies' X-Forwarded-For names the client (req.ip); default none. */
  trustProxy?: TrustProxy;
}

@Module({})
class PlatformModule {
  static register(hierarchy: Hierarchy, calendar: CalendarStore, metrics: PlatformMetrics): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HierarchyController, CalendarController, MetricsController],
      providers: [
        { provide: HIERARCHY, useValue: hierarchy },
        { provide: CALENDAR_STORE, useValue: calendar },
        { provide: METRICS_REGISTRY, useValue: metrics.registry },
      ],
      exports: [HIERARCHY, CALENDAR_STORE],
    };
  }
}

@Module({})
class RootModule {}

/**
 * One Nest application hosting the given services, each under its own path prefix
 * (/vetting, /tipline, …) so URLs are the same in embedded mode (all four in one process) and
 * distributed mode (one per process behind an ingress).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  // Built after the kernels started, so each service's own readings are known.
  const metrics = createPlatformMetrics(options.services.map((s) => s.kernel));
  const services = options.services.map((s) => ({ name: s.definition.name, module: s.definition.module.register(s.kernel) }));
  const root: DynamicModule = {
    module: RootModule,
    imports: [
      AuthModule.register(options.auth),
      PlatformModule.register(options.hierarchy, options.calendar, metrics),
      ...services.map((s) => s.module),
      RouterModule.register(services.map((s) => ({ path: s.name, module: s.module.module }))),
      ...(options.extra ?? []),
    ],
  };
  const app = await NestFactory.create(root, { logger: nestLogger(options.logger), bufferLogs: false });
  // From the controllers' decorators, once the modules are built (GET /<service>/openapi.json).
  for (const s of services) publishServiceOpenApi(app, s.name, s.module);
  // Browser protections and no-store on every answer, before any route (README "Security headers").
  app.use(apiSecurityHeaders());
  // Registered before init, so they run ahead of body parsing and every route.
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(metrics.httpDuration));
  app.useGlobalInterceptors(new CorrelationInterceptor());
  app.useGlobalFilters(new DatabaseUnavailableFilter(app.getHttpAdapter()), new DomainErrorFilter());
  // Every body, query and parameter: no control characters, no repeated query parameters (400, never a 500).
  app.useGlobalPipes(new RequestTextPipe());
  // User text is stored verbatim; JSON answers escape <, > and & (as \u003c…) so no answer can be read as markup.
  const express = app.getHttpAdapter().getInstance() as { set?: (k: string, v: unknown) => void };
  express.set?.('json escape', true);
  // Rate limits key on req.ip: behind an ingress it must be the client, not the ingress (TRUST_PROXY).
  express.set?.('trust proxy', options.trustProxy ?? false);
  return app;
}

/** Nest's own messages into the JSON log. */
const START_UP_LISTING = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

function nestLogger(log: Logger): LoggerService {
  return {
    // Nest's start-up lists every module and route (about 170 lines): kept for debugging, not for every start.
    log: (message, context) =>
      context && START_UP_LISTING.has(context) ? log.debug({ context }, String(message)) : log.info({ context }, String(message)),
    error: (message, trace, context) => log.error({ context, trace }, String(message)),
    warn: (message, context) => log.warn({ context }, String(message)),
    debug: (message, context) => log.debug({ context }, String(message)),
    verbose: (message, context) => log.trace({ context }, String(message)),
  };
}
