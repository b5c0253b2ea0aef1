// Who is signed in. Sign-in stores the session (api/session.ts); any 401 from the API ends it and sends the
// user to the sign-in page with the server's message (expired, signed out elsewhere), then back where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import * as authApi from '../api/auth';
import { onUnauthorized } from '../api/client';
import { clearSession, getSession, setSession, type SessionUser } from '../api/session';

interface AuthValue {
  user: SessionUser | null;
  /** why the last session ended (the server's message), shown on the sign-in page */
  endedBecause: string | null;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export interface SignInState {
  from?: string;
  reason?: string;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => getSession()?.user ?? null);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(
    () =>
      onUnauthorized((error) => {
        // the guard of the page may redirect first (without a reason): keep the reason here as well
        setEndedBecause(error.message);
        setUser(null);
        const from = window.location.pathname + window.location.search;
        if (!window.location.pathname.startsWith('/signin')) {
          navigate('/signin', { replace: true, state: { from, reason: error.message } satisfies SignInState });
        }
      }),
    [navigate, location.key],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const res = await authApi.login(username, password);
    setSession({ token: res.token, expiresAt: res.expiresAt, user: res.user });
    setUser(res.user);
    setEndedBecause(null);
    return res.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session may already be over; signing out locally is what matters */
    }
    clearSession();
    setUser(null);
    navigate('/catalog');
  }, [navigate]);

  const value = useMemo(() => ({ user, endedBecause, signIn, signOut }), [user, endedBecause, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
