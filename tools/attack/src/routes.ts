import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY, SCOPED_BY_KEY, type Role, type ScopeTarget } from '@lw/auth';

/** One route as Nest registered it, with the access rule its decorators declare. */
export interface RouteInfo {
  method: string;
  /** Express-style template with the module prefix, e.g. /tipline/tips/:id/accept. */
  path: string;
  /** `controller.handler`, to name the code in a failure. */
  handler: string;
  public: boolean;
  /** Undefined when neither the handler nor its controller carries @Roles. */
  roles: Role[] | undefined;
  scopedBy: ScopeTarget[];
  params: string[];
  key: string;
}

/**
 * Every HTTP route of the running application, read from Nest's own registry (modules →
 * controllers → handlers) and its routing metadata, the way Nest's router explorer builds the
 * routes: module prefix (RouterModule) + controller path + handler path. No hand-kept list.
 */
export function enumerateRoutes(app: INestApplication): RouteInfo[] {
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const moduleRef of modules.values()) {
    const modulePath: string = Reflect.getMetadata(MODULE_PATH + modules.applicationId, moduleRef.metatype) ?? Reflect.getMetadata(MODULE_PATH, moduleRef.metatype) ?? '';
    for (const wrapper of moduleRef.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!ctrl || !ctrl.prototype) continue;
      const ctrlPaths = asList(Reflect.getMetadata(PATH_METADATA, ctrl));
      for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
        const fn = (ctrl.prototype as Record<string, unknown>)[name] as object;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, fn);
        if (methodPaths === undefined) continue; // not a route handler
        const requestMethod: RequestMethod = Reflect.getMetadata(METHOD_METADATA, fn) ?? RequestMethod.GET;
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC_KEY, fn) ?? Reflect.getMetadata(IS_PUBLIC_KEY, ctrl));
        const roles: Role[] | undefined = Reflect.getMetadata(ROLES_KEY, fn) ?? Reflect.getMetadata(ROLES_KEY, ctrl);
        const scopedBy: ScopeTarget[] = Reflect.getMetadata(SCOPED_BY_KEY, fn) ?? [];
        for (const cp of ctrlPaths) {
          for (const mp of asList(methodPaths)) {
            const path = join(modulePath, cp, mp);
            const method = RequestMethod[requestMethod];
            routes.push({
              method,
              path,
              handler: `${ctrl.name}.${name}`,
              public: isPublic,
              roles: roles?.length ? roles : undefined,
              scopedBy,
              params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
              key: `${method} ${path}`,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The routes Express itself holds (method + path), to prove the enumeration missed none. */
export function expressRoutes(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const out: string[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return out;
}

function asList(v: unknown): string[] {
  if (v === undefined) return [''];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function join(...parts: string[]): string {
  const p = parts
    .map((s) => s.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${p}`;
}
