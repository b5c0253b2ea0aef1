// Public notices of fund allocations (Art. 10) and objections to them: reading and objecting need no sign-in;
// GIA records how each objection was resolved.
import { api, get } from './client';
import type { PublicNotice } from './types';

export const fetchNotices = (signal?: AbortSignal) => get<{ items: PublicNotice[] }>('/api/notices', undefined, signal);

export const raiseObjection = (noticeId: string, body: { submitter: string; contact?: string; content: string }) =>
  api<{ id: string; at: string }>(`/api/notices/${encodeURIComponent(noticeId)}/objections`, { method: 'POST', body });

/** GIA records how an objection was resolved; `etag` is the project's (the resolution changes the project). */
export const resolveObjection = (noticeId: string, objectionId: string, etag: string | null, resolution: string) =>
  api<{ id: string; resolution: string }>(`/api/notices/${encodeURIComponent(noticeId)}/objections/${encodeURIComponent(objectionId)}/resolve`, {
    method: 'POST',
    ifMatch: etag,
    body: { resolution },
  });
