// The current published catalog, served from memory. Published revisions are immutable, so a revision's view is
// kept for good (api/serialised.ts keeps its JSON); which revision is current is re-checked at most every `recheckMs`
// (another replica may publish) and at once when this process publishes.
import type { Database } from '../core/db/database.js';
import { NotFoundError } from '../core/errors.js';
import { latestPublishedNumber, loadCatalogView } from './revision-store.js';
import type { CatalogView } from './view.js';

export interface PublishedEntry {
  number: number;
  view: CatalogView;
}

export function createPublishedCatalog(db: Database, recheckMs = 5000) {
  const byNumber = new Map<number, Promise<PublishedEntry>>();
  let current: { number: number | null; checkedAt: number } | null = null;
  let checking: Promise<number | null> | null = null;

  function entry(number: number): Promise<PublishedEntry> {
    let p = byNumber.get(number);
    if (!p) {
      p = loadCatalogView(db.prisma, number).then((view) => {
        if (!view || view.revision.status !== 'PUBLISHED') {
          byNumber.delete(number);
          throw new NotFoundError('revision');
        }
        return { number, view };
      });
      p.catch(() => byNumber.delete(number));
      byNumber.set(number, p);
    }
    return p;
  }

  async function currentNumber(): Promise<number | null> {
    if (current && Date.now() - current.checkedAt < recheckMs) return current.number;
    checking ??= latestPublishedNumber(db.prisma)
      .then((number) => {
        current = { number, checkedAt: Date.now() };
        return number;
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  }

  return {
    async current(): Promise<PublishedEntry> {
      const n = await currentNumber();
      if (n === null) throw new NotFoundError('revision');
      return entry(n);
    },
    /** the current catalog, or null while none has been published */
    async currentOrNull(): Promise<PublishedEntry | null> {
      return this.current().catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      });
    },
    /** a published revision by number */
    revision: entry,
    invalidate() {
      current = null;
    },
  };
}

export type PublishedCatalog = ReturnType<typeof createPublishedCatalog>;
