// Deadlines in working days (Art. 13, 20, 24): the signed-in organisation's, or all of them for GIA.
import { get } from './client';
import type { DeadlineItem } from './types';

export type DeadlineFilter = 'open' | 'overdue' | 'met' | 'all';

export const fetchDeadlines = (status: DeadlineFilter = 'open', signal?: AbortSignal) =>
  get<{ today: string; items: DeadlineItem[] }>('/api/deadlines', { status }, signal);
