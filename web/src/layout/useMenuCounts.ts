// The menu's badges: what waits behind each entry (GET /api/console/counts), read again on every page change so a
// decision taken on one page shows in the menu at once, and when the to-do count changes (`todo`, from the stream).
// Signed-out visitors have none.
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { client, dataOf, type Schemas } from '../api/client';

export type MenuCounts = Schemas['ConsoleCounts']['counts'];
export type CountKey = keyof MenuCounts;

export function useMenuCounts(signedIn: boolean, todo?: number): MenuCounts {
  const { pathname, search } = useLocation();
  const [counts, setCounts] = useState<MenuCounts>({});
  useEffect(() => {
    if (!signedIn) return setCounts({});
    const ctl = new AbortController();
    // a badge is a hint: when it cannot be read the menu shows none rather than an error
    dataOf(client.GET('/api/console/counts', { signal: ctl.signal }))
      .then((d) => setCounts(d.counts))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [signedIn, pathname, search, todo]);
  return counts;
}
