// What waits for the signed-in user and what is unread, for the header's badges and the pages that follow them:
// one stream per signed-in session (api/todoStream.ts), opened on sign-in and closed on sign-out.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { streamTodoCounts, type TodoCounts } from '../api/todoStream';

const TodoCountsContext = createContext<TodoCounts | null>(null);

/** `userId`: who is signed in (none: no stream); another user signing in opens a stream of their own. */
export function TodoCountsProvider({ userId, children }: { userId: string | undefined; children: ReactNode }) {
  const [counts, setCounts] = useState<TodoCounts | null>(null);
  useEffect(() => {
    setCounts(null);
    if (!userId) return;
    return streamTodoCounts(setCounts);
  }, [userId]);
  return <TodoCountsContext.Provider value={counts}>{children}</TodoCountsContext.Provider>;
}

/** The latest counts; null until the stream has sent its first (or when signed out). */
export function useTodoCounts(): TodoCounts | null {
  return useContext(TodoCountsContext);
}
