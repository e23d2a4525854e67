// Who is logged in: the session lives in an HttpOnly cookie the page cannot read; the user it names
// comes from GET /auth/me (checked on load) or from the login answer.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../shared/api';
import { clearDossierDrafts } from './device-drafts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** The hierarchy node the user is bound to (county, township or village code). */
  node: string;
  dept: string | null;
  /** A generated or demo password: the console asks for a new one before anything else. */
  mustChangePassword?: boolean;
}

interface AuthState {
  user: User | null;
  checking: boolean;
  login(username: string, password: string): Promise<void>;
  /**
   * Ends the session on the server (the cookie is cleared there) and here, and drops the dossier
   * sections left unsent on this device (a shared phone must not hand them to the next user).
   * The caller asks first when there are any (see useLogout).
   */
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The server's readable companion of the HttpOnly session cookie: "a session may exist". */
function maybeSignedIn(): boolean {
  return document.cookie.split(';').some((c) => c.trim() === 'lw_signed_in=1');
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(maybeSignedIn);

  // The server refused the session (logged out elsewhere, disabled, idle): forget the user here.
  const forget = useCallback(() => setUser(null), []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch {
      /* already ended, or the server is away: the user is logged out here either way */
    }
    clearDossierDrafts();
    setUser(null);
  }, []);

  useEffect(() => {
    if (!maybeSignedIn()) return;
    api<User>('/auth/me')
      .then(setUser)
      // A 401 just means no session; a 503 while the database restarts is not a logout either.
      .catch((err) => {
        if (!(err instanceof ApiError)) throw err;
      })
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    window.addEventListener('lw:unauthorized', forget);
    return () => window.removeEventListener('lw:unauthorized', forget);
  }, [forget]);

  const login = useCallback(async (username: string, password: string) => {
    // The answer also sets the session cookie; its token is for API clients and is not kept.
    const r = await api<{ user: User }>('/auth/login', { json: { username, password } });
    setUser(r.user);
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await api('/auth/password', { json: { currentPassword, newPassword } });
    setUser(await api<User>('/auth/me'));
  }, []);

  return <AuthContext.Provider value={{ user, checking, login, logout, changePassword }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for pages rendered behind the login. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

export function hasRole(user: User, ...roles: string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
