// Who is signed in. Sign-in stores the session (api/session.ts); a 401 to a request sent with the current session
// ends it (a late 401 of a session already replaced does not) and sends the user to the sign-in page with the server's message (expired, signed out elsewhere), then back where they were.
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import * as authApi from '../api/auth';
import { onUnauthorized } from '../api/client';
import { clearSession, getSession, setSession, type ConsoleArea, type Session, type SessionUser } from '../api/session';

interface AuthValue {
  user: SessionUser | null;
  /** the console areas the server says this user may open (none when signed out) */
  areas: readonly ConsoleArea[];
  /** where this user lands (the public catalog when signed out) */
  home: string;
  /** whether the user may open any of these areas */
  mayOpen(...areas: ConsoleArea[]): boolean;
  /** why the last session ended (the server's message), shown on the sign-in page */
  endedBecause: string | null;
  signIn(username: string, password: string): Promise<Session>;
  /** finishes single sign-on: the ticket the identity platform's callback left in the address */
  completeSso(ticket: string): Promise<Session>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export interface SignInState {
  from?: string;
  reason?: string;
}

const PUBLIC_HOME = '/catalog';
const NO_AREAS: readonly ConsoleArea[] = [];

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setCurrent] = useState<Session | null>(() => getSession());
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(
    () =>
      onUnauthorized((error) => {
        // the guard of the page may redirect first (without a reason): keep the reason here as well
        setEndedBecause(error.message);
        setCurrent(null);
        const from = window.location.pathname + window.location.search;
        if (!window.location.pathname.startsWith('/signin')) {
          navigate('/signin', { replace: true, state: { from, reason: error.message } satisfies SignInState });
        }
      }),
    [navigate, location.key],
  );

  const begin = useCallback((res: authApi.LoginResponse) => {
    const signedIn: Session = { token: res.token, expiresAt: res.expiresAt, user: res.user, areas: res.areas, home: res.home };
    setSession(signedIn);
    setCurrent(signedIn);
    setEndedBecause(null);
    return signedIn;
  }, []);
  const signIn = useCallback(async (username: string, password: string) => begin(await authApi.login(username, password)), [begin]);
  const completeSso = useCallback(async (ticket: string) => begin(await authApi.completeSso(ticket)), [begin]);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session may already be over; signing out locally is what matters */
    }
    clearSession();
    // the router moves in a transition: forgetting the user in the same one keeps the page being left from
    // rendering without a user, whose guard would send the browser to the sign-in page instead
    startTransition(() => {
      setCurrent(null);
      void navigate(PUBLIC_HOME);
    });
  }, [navigate]);

  const value = useMemo(() => {
    const areas = session?.areas ?? NO_AREAS;
    return {
      user: session?.user ?? null,
      areas,
      home: session?.home ?? PUBLIC_HOME,
      mayOpen: (...wanted: ConsoleArea[]) => wanted.some((a) => areas.includes(a)),
      endedBecause,
      signIn,
      completeSso,
      signOut,
    };
  }, [session, endedBecause, signIn, completeSso, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
