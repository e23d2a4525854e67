import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ServiceKernel } from '../service-kernel';
import { HealthController } from './health.controller';
import { KERNEL } from './kernel.token';
import { OpenApiController } from './openapi/openapi.controller';
import { ServiceOpenApi } from './openapi/service-openapi';
import { ReadyController } from './ready.controller';

/**
 * The dynamic module of one service: its health and readiness endpoints, its OpenAPI document
 * (GET openapi.json, filled in by createHttpApp), its kernel under KERNEL, and whatever
 * controllers and providers the service adds. Each service keeps its own module class, so the
 * host can mount it under the service's path prefix.
 */
export function serviceModule(
  module: Type,
  kernel: ServiceKernel,
  extra: { controllers?: Type[]; providers?: Provider[] } = {},
): DynamicModule {
  return {
    module,
    controllers: [HealthController, ReadyController, ...(extra.controllers ?? []), OpenApiController],
    // The service's own buses (its kernel's): its controllers dispatch to its handlers only.
    providers: [
      { provide: KERNEL, useValue: kernel },
      ServiceOpenApi,
      { provide: CommandBus, useValue: kernel.commandBus },
      { provide: QueryBus, useValue: kernel.queryBus },
      ...kernel.providers(),
      ...(extra.providers ?? []),
    ],
    exports: [KERNEL],
  };
}
