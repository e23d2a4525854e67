import { DynamicModule, INestApplicationContext, Module, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';

@Module({})
class ServiceCqrsModule {
  static register(providers: Provider[], handlers: Type[]): DynamicModule {
    return { module: ServiceCqrsModule, imports: [CqrsModule.forRoot()], providers: [...providers, ...handlers] };
  }
}

/**
 * One service's command and query buses with its handlers, in a Nest context of its own: it exists
 * before the HTTP app (consumers and jobs dispatch from the start) and without one (specs, tools),
 * and one service's controllers and reactions can reach only its own handlers, also in embedded mode.
 */
export function createServiceCqrs(providers: Provider[], handlers: Type[]): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(ServiceCqrsModule.register(providers, handlers), { logger: false, abortOnError: false });
}
