import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '@lw/auth';
import type { Registry } from 'prom-client';

export const METRICS_REGISTRY = Symbol('MetricsRegistry');

/**
 * GET /metrics, once per process (all hosted services in embedded mode). Public like the probes:
 * it carries counts and latencies, never identities; keep it off the public ingress.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
