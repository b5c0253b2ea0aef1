// The signed-in session: the bearer token and the user, kept in memory and in sessionStorage (one browser tab;
// gone when the tab closes). Nothing else in the console touches storage for the session.
import type { components } from './schema';

export type Role = components['schemas']['Role'];
export type SessionUser = components['schemas']['SessionUser'];
/** An area of the console; the server decides which a user may open (accounts/console-areas.ts). */
export type ConsoleArea = components['schemas']['ConsoleArea'];
/** What sign-in answered that the console keeps: the token, the user, the areas they may open and their home page. */
export type Session = Pick<components['schemas']['LoginResult'], 'token' | 'expiresAt' | 'user' | 'areas' | 'home'>;

const KEY = 'zy.session';

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Partial<Session>) : null;
    // a session kept by an older console (without its areas) is signed in again
    return session && Array.isArray(session.areas) && session.user ? (session as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = load();

export function getSession(): Session | null {
  return current;
}

export function getToken(): string | null {
  return current?.token ?? null;
}

export function setSession(session: Session): void {
  current = session;
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  current = null;
  sessionStorage.removeItem(KEY);
}
