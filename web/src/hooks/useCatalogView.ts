// A catalog revision as the validator sees it (CatalogView), cached per revision number: published revisions
// never change, so one fetch per revision is enough for the whole session.
import { fetchCatalog, fetchRevision } from '../api/catalog';
import type { CatalogView } from '../api/catalog';
import { useApiData } from './useApiData';

const cache = new Map<number, Promise<CatalogView>>();

export function loadCatalogView(number: number): Promise<CatalogView> {
  let p = cache.get(number);
  if (!p) {
    p = fetchRevision(number).then((r) => r.data);
    p.catch(() => cache.delete(number));
    cache.set(number, p);
  }
  return p;
}

/** The revision a project is pinned to, or the current published one when `number` is undefined. */
export function useCatalogView(number: number | undefined) {
  return useApiData(async (signal) => {
    const n = number ?? (await fetchCatalog(signal)).revision.number;
    return loadCatalogView(n);
  }, [number]);
}
