import { Inject, Module, Optional, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditLog } from '../audit/audit-log';
import { IDENTITY_STORE, type IdentityStore } from '../identity/identity-store';
import { SCOPE_CHECKER, type ScopeChecker } from '../scope/scope-checker';
import { TokenIssuer } from '../tokens/token-issuer';
import { TOKEN_VERIFIER, type TokenVerifier } from '../tokens/token-verifier';
import { SESSION_STORE } from '../sessions/session-store';
import { AuthController, COOKIE_SECURITY } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenMeController } from './me.controller';
import type { CookieSecurity } from './session-cookie';

export interface AuthModuleOptions {
  verifier: TokenVerifier;
  /** The hierarchy's tree (the one Jurisdiction also asks): @ScopedBy checks with it. */
  scopeChecker: ScopeChecker;
  /**
   * Embedded mode (or AUTH_SECRET without IdP): serve POST /auth/login, /auth/logout, /auth/password
   * and GET /auth/me from this store (needs issuer); its sessions are checked on every request.
   */
  identityStore?: IdentityStore;
  /** The session cookie's Secure flag: 'auto' (default) when the request came over https. */
  cookieSecurity?: CookieSecurity;
  issuer?: TokenIssuer;
  /** Where the audit interceptor and guard denials write; without it nothing is audited. */
  auditLog?: AuditLog;
}

/**
 * Register once in the root module: installs AuthGuard and AuditInterceptor globally and exports
 * AuditLog, TOKEN_VERIFIER and SCOPE_CHECKER to every module.
 */
@Module({})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(AuditLog) private readonly audit?: AuditLog) {}

  static register(options: AuthModuleOptions): DynamicModule {
    if (options.identityStore && !options.issuer) throw new Error('AuthModule: identityStore needs an issuer');
    const providers: Provider[] = [
      { provide: TOKEN_VERIFIER, useValue: options.verifier },
      { provide: SCOPE_CHECKER, useValue: options.scopeChecker },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    ];
    const exported: DynamicModule['exports'] = [TOKEN_VERIFIER, SCOPE_CHECKER];
    if (options.auditLog) {
      providers.push({ provide: AuditLog, useValue: options.auditLog });
      exported.push(AuditLog);
    }
    if (options.identityStore && options.issuer) {
      providers.push(
        { provide: IDENTITY_STORE, useValue: options.identityStore },
        { provide: SESSION_STORE, useValue: options.identityStore.sessions },
        { provide: TokenIssuer, useValue: options.issuer },
        { provide: COOKIE_SECURITY, useValue: options.cookieSecurity ?? 'auto' },
      );
      exported.push(IDENTITY_STORE, SESSION_STORE, TokenIssuer);
    }
    return {
      module: AuthModule,
      global: true,
      providers,
      exports: exported,
      controllers: options.identityStore ? [AuthController] : [TokenMeController],
    };
  }

  /** Background audit writes finish before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.audit?.flush();
  }
}
