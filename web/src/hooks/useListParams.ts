// A list's search, filters, sort and page, kept in the address: a reload, the back button or a shared link returns to
// the same rows. Changing the search, a filter or the sort goes back to the first page. The server searches, filters,
// sorts and pages (its query fields have the same names), so `query` is what the list and its export are asked with.
import { useSearchParams } from 'react-router-dom';
import type { SortOrder } from 'antd/es/table/interface';

export type SortDirection = 'asc' | 'desc';

export interface ListParams<F extends string> {
  q: string;
  page: number;
  sort: string | undefined;
  order: SortDirection | undefined;
  filters: Partial<Record<F, string>>;
  setQ(q: string): void;
  setPage(page: number): void;
  setFilter(key: F, value: string | undefined): void;
  /** several filters at once (a range's two ends) */
  setFilters(values: Partial<Record<F, string | undefined>>): void;
  setSort(sort: string | undefined, order?: SortDirection): void;
  /** search, filters and sort for the API (no page) */
  query: Record<string, string>;
  /** antd's sortOrder for a column sorted on the server by `key` */
  sortOrder(key: string): SortOrder;
}

/** `keep`: address parameters of the page that are not the list's (a tab), kept as they are. */
export function useListParams<F extends string>(filterKeys: readonly F[], keep: readonly string[] = []): ListParams<F> {
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const sort = search.get('sort') ?? undefined;
  const order = (search.get('order') as SortDirection | null) ?? undefined;
  const filters = Object.fromEntries(filterKeys.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : []))) as Partial<Record<F, string>>;

  function update(changes: Record<string, string | undefined>, resetPage = true) {
    const next = new URLSearchParams();
    for (const k of [...keep, 'q', 'sort', 'order', ...filterKeys, 'page']) {
      const v = k in changes ? changes[k] : search.get(k);
      if (v) next.set(k, v);
    }
    if (resetPage && !('page' in changes)) next.delete('page');
    setSearch(next, { replace: true });
  }

  const query: Record<string, string> = { ...(filters as Record<string, string>) };
  if (q) query.q = q;
  if (sort) query.sort = sort;
  if (sort && order) query.order = order;
  return {
    q,
    page,
    sort,
    order,
    filters,
    query,
    setQ: (value) => update({ q: value.trim() || undefined }),
    setPage: (p) => update({ page: p > 1 ? String(p) : undefined }, false),
    setFilter: (key, value) => update({ [key]: value || undefined }),
    setFilters: (values) => update(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, (v as string | undefined) || undefined]))),
    setSort: (s, o) => update({ sort: s, order: s ? o : undefined }),
    sortOrder: (key) => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null),
  };
}

/**
 * The Table props of a list paged and sorted on the server: the pager from the total, and a click on a sortable
 * column's header asking the server for that order (a third click returns to the list's own order).
 */
export function serverTable<F extends string>(list: ListParams<F>, total: number, pageSize: number) {
  return {
    pagination: total > pageSize ? { current: list.page, pageSize, total, showSizeChanger: false, onChange: (p: number) => list.setPage(p) } : (false as const),
    onChange: (_p: unknown, _f: unknown, sorter: unknown, extra: { action: string }) => {
      if (extra.action !== 'sort') return;
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as { columnKey?: string; field?: string; order?: SortOrder };
      const key = s.order ? String(s.columnKey ?? s.field) : undefined;
      list.setSort(key, s.order === 'descend' ? 'desc' : 'asc');
    },
  };
}
