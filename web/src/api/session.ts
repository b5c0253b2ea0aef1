// The signed-in session: the bearer token and the user, kept in memory and in sessionStorage (one browser tab;
// gone when the tab closes). Nothing else in the console touches storage for the session.
export type Role =
  | 'SYSADMIN'
  | 'SECADMIN'
  | 'AUDITOR'
  | 'GIA_REVIEWER'
  | 'FINANCE_REVIEWER'
  | 'BDC_OPERATOR'
  | 'DEPT_USER'
  | 'COUNTY_USER';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgCode: string;
  orgName: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'zy.session';

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
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
