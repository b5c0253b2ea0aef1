// A few seconds of memory for resolved sessions, so a busy client does not cost a database round trip per
// request. Sign-out, role changes, disabling and password resets evict at once in this process; another replica
// notices within CACHE_MS (the documented bound on how long a revoked session can still be used elsewhere).
export const CACHE_MS = 5_000;
const MAX_ENTRIES = 20_000;

interface Entry<U> {
  user: U & { id: string };
  sessionId: string;
  expiresAt: number;
  lastSeenAt: number;
  cachedAt: number;
}

export class SessionCache<U> {
  private readonly entries = new Map<string, Entry<U>>();

  get(tokenHash: string, now: number): Entry<U> | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (now - e.cachedAt > CACHE_MS) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e;
  }

  set(tokenHash: string, entry: Entry<U>): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, entry);
  }

  evictToken(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  evictUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.user.id === userId) this.entries.delete(k);
  }
}
