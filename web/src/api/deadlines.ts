// Deadlines in working days (Art. 13, 20, 24): the signed-in organisation's, or all of them for GIA.
import { client, dataOf, type QueryOf, type Schemas } from './client';

export type DeadlineItem = Schemas['DeadlineItem'];
export type DeadlineList = Schemas['DeadlineList'];
/** Whose obligation it is: its project, or its migrated system (security obligations, Art. 36–37). */
export const ownerOf = (d: DeadlineItem) => (d.project ?? d.system)!;
export type DeadlineFilter = NonNullable<QueryOf<'/api/deadlines'>['status']>;

/** Deadlines by due date: open by default; `q` searches the obligation, the project and its unit. */
export const fetchDeadlines = (query: QueryOf<'/api/deadlines'> = {}, signal?: AbortSignal) => dataOf(client.GET('/api/deadlines', { params: { query }, signal }));

/** Reminds the units of these overdue deadlines (GIA; each at most once a day). */
export const remindDeadlines = (deadlineIds: string[]) => dataOf(client.POST('/api/deadlines/remind', { body: { deadlineIds } }));
