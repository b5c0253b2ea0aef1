// Deadlines in working days (Art. 13, 20, 24): the signed-in organisation's, or all of them for GIA.
import { client, dataOf, type QueryOf, type Schemas } from './client';

export type DeadlineItem = Schemas['DeadlineItem'];
export type DeadlineFilter = NonNullable<QueryOf<'/api/deadlines'>['status']>;

export const fetchDeadlines = (status: DeadlineFilter = 'open', signal?: AbortSignal) => dataOf(client.GET('/api/deadlines', { params: { query: { status } }, signal }));
