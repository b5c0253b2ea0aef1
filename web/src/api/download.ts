// Saves a file the API sent (a project document, the register export): the client fetched it with the token, the
// browser is handed the blob.
import { client, dataOf, langQuery, type QueryOf } from './client';
import type { paths } from './schema';

export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The export paths of the API's lists (`<list>/export`, api/list-export.ts). */
export type ExportPath = Extract<keyof paths, `${string}/export`>;

/**
 * A list as XLSX, as the table shows it: the list's own query (search, filters, sort; no paging) sent to its
 * `/export`, in the console's language, saved as `<filename>.xlsx`.
 */
export async function downloadList<P extends ExportPath>(path: P, query: QueryOf<P>, lang: string, filename: string, fallbackMessage: string): Promise<void> {
  const get = client.GET as unknown as (p: string, init: object) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const blob = await dataOf(get(path, { params: { query: { ...query, lang: langQuery(lang) } }, parseAs: 'blob' }), { fallbackMessage });
  saveBlob(blob, `${filename}.xlsx`);
}
