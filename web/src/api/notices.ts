// Public notices of fund allocations (Art. 10) and objections to them: no sign-in needed.
import { api, get } from './client';
import type { PublicNotice } from './types';

export const fetchNotices = (signal?: AbortSignal) => get<{ items: PublicNotice[] }>('/api/notices', undefined, signal);

export const raiseObjection = (noticeId: string, body: { submitter: string; contact?: string; content: string }) =>
  api<{ id: string; at: string }>(`/api/notices/${encodeURIComponent(noticeId)}/objections`, { method: 'POST', body });
