import { HttpStatus, RequestMethod, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ResponseObject } from '@nestjs/swagger';
import { IS_PUBLIC_KEY, ROLES_KEY, type Role } from '@lw/auth';
import type { ServiceName } from '../../services';
import { responseSchema } from './json-schema';
import { returnsOf } from './returns.decorator';
import { VALIDATED_KEY } from './valid-input';

/** The service's document, built once when the app is created and served as GET /<service>/openapi.json. */
export class ServiceOpenApi {
  document?: OpenAPIObject;
}

const TITLES: Record<ServiceName, string> = {
  vetting: '换届人选资格审查',
  tipline: '信访举报受理',
  auditing: '离任经济责任审计与三资审计',
  grievance: '问题整改台账',
};

/** Builds each hosted service's document (only its own routes, paths with its prefix) and hands it to its controller. */
export function publishServiceOpenApi(app: INestApplication, service: ServiceName, module: DynamicModule): void {
  app.select(module).get(ServiceOpenApi, { strict: true }).document = serviceOpenApi(app, service, module.module);
}

function serviceOpenApi(app: INestApplication, service: ServiceName, module: Type): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(`村（社区）“两委”监督系统：${TITLES[service]}`)
    .setVersion('1')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { include: [module], operationIdFactory: operationId });
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, [ERROR]: ERROR_SCHEMA } };
  const handlers = handlersOf(app, module);
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as OperationObject[]) {
      const route = handlers.get(op.operationId ?? '');
      if (route) describe(op, route);
    }
  }
  return doc;
}

interface Route {
  controller: Type;
  handler: object;
}

/**
 * What the controllers' decorators say and @nestjs/swagger does not read: who may call (the same
 * @Public/@Roles metadata the AuthGuard reads; roles as the bearer requirement's list, OpenAPI 3.1's
 * place for role names), the zod-described answers, and the refusals every such route can give.
 */
function describe(op: OperationObject, { controller, handler }: Route): void {
  // As the guard reads them (getAllAndOverride): the method's own, else the controller's.
  const metadata = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  const open = !!metadata(IS_PUBLIC_KEY);
  const roles: Role[] = metadata(ROLES_KEY) ?? [];
  const responses: Record<string, ResponseObject> = { ...(op.responses as Record<string, ResponseObject>) };
  const success = successStatus(handler);
  const returned = returnsOf(handler);
  // @nestjs/swagger's own entry for the route's status says nothing: named, or replaced by @Returns.
  if (returned.length) delete responses[success];
  else if (responses[success] && !responses[success].description) responses[success] = { ...responses[success], description: '成功' };
  for (const r of returned) {
    responses[r.status ?? success] = {
      description: r.description ?? '成功',
      content: { 'application/json': { schema: responseSchema(r.schema) } },
    };
  }
  if (Reflect.getMetadata(VALIDATED_KEY, handler)) responses['400'] = refusal('输入不符合要求（逐项中文说明，指明字段）');
  if (open) {
    op.security = [];
  } else {
    op.security = [{ bearer: roles }];
    Object.assign(op, { 'x-roles': roles });
    responses['401'] = refusal('未登录或登录已失效');
    responses['403'] = refusal(roles.length ? `需要以下角色之一：${roles.join('、')}` : '无权限');
  }
  op.responses = responses;
}

function successStatus(handler: object): number {
  const code: number | undefined = Reflect.getMetadata(HTTP_CODE_METADATA, handler);
  return code ?? (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
}

const ERROR = 'Error';
/** The body of every refusal (DomainErrorFilter, parseInput, the guard): a Chinese message for the clerk. */
const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['statusCode', 'message'],
};

function refusal(description: string): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR}` } } } };
}

const operationId = (controller: string, method: string) => `${controller}_${method}`;

/** The module's route handlers by operation id, to read their metadata. */
function handlersOf(app: INestApplication, module: Type): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const host of app.get(ModulesContainer).values()) {
    if (host.metatype !== module) continue;
    for (const { metatype } of host.controllers.values()) {
      const controller = metatype as Type;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, key)?.value;
        if (typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler)) {
          routes.set(operationId(controller.name, key), { controller, handler });
        }
      }
    }
  }
  return routes;
}
