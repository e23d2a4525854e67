// Who is logged in: the token (localStorage) and the user it names (GET /auth/me, checked on load).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, getToken, setToken } from '../shared/api';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** The hierarchy node the user is bound to (county, township or village code). */
  node: string;
  dept: string | null;
}

interface AuthState {
  user: User | null;
  checking: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(Boolean(getToken()));

  const logout = useCallback(() => {
    setToken(null);
    setUser(null);
  }, []);

  useEffect(() => {
    if (!getToken()) return;
    api<User>('/auth/me')
      .then(setUser)
      // Only a refused token is dropped: a 503 while the database restarts must not log anyone out.
      .catch((err) => {
        if (err instanceof ApiError && err.status === 401) setToken(null);
      })
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    window.addEventListener('lw:unauthorized', logout);
    return () => window.removeEventListener('lw:unauthorized', logout);
  }, [logout]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ token: string; user: User }>('/auth/login', { json: { username, password }, anonymous: true });
    setToken(r.token);
    setUser(r.user);
  }, []);

  return <AuthContext.Provider value={{ user, checking, login, logout }}>{children}</AuthContext.Provider>;
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
