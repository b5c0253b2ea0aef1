// Public notices of fund allocations (Art. 10) and objections to them: reading and objecting need no sign-in;
// GIA records how each objection was resolved.
import { call, client, dataOf, ifMatch, type QueryOf, type RequestBody, type Schemas } from './client';

export type PublicNotice = Schemas['PublicNotice'];

export const fetchNotices = (signal?: AbortSignal, query: QueryOf<'/api/notices'> = {}) => dataOf(client.GET('/api/notices', { params: { query }, signal }));

export const raiseObjection = (noticeId: string, body: RequestBody<'/api/notices/{id}/objections', 'post'>) =>
  call(client.POST('/api/notices/{id}/objections', { params: { path: { id: noticeId } }, body }));

/** GIA records how an objection was resolved; `etag` is the project's (the resolution changes the project). */
export const resolveObjection = (noticeId: string, objectionId: string, etag: string | null, resolution: string) =>
  call(
    client.POST('/api/notices/{id}/objections/{objectionId}/resolve', {
      params: { path: { id: noticeId, objectionId }, header: etag ? { 'If-Match': etag } : {} },
      body: { resolution },
    }),
  );
