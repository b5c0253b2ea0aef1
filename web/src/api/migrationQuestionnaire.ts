// The assessment questionnaire (评估问卷): the version in force, a system's answers with the proposal they make,
// answering (If-Match once answered) and the sub-center's confirmation or override (If-Match: the answers').
import { call, client, ifMatch, type RequestBody, type Schemas } from './client';

export type Questionnaire = Schemas['MigrationQuestionnaire'];
export type SystemQuestionnaire = Schemas['MigrationSystemQuestionnaire'];
export type ConfirmBody = RequestBody<'/api/migration/systems/{id}/questionnaire/confirm', 'post'>;

const system = (id: string) => ({ path: { id } });

export const fetchQuestionnaire = (signal?: AbortSignal) => call(client.GET('/api/migration/questionnaire', { signal }));

export const fetchSystemQuestionnaire = (id: string, signal?: AbortSignal) => call(client.GET('/api/migration/systems/{id}/questionnaire', { params: system(id), signal }));

export const answerQuestionnaire = (id: string, etag: string | null, body: RequestBody<'/api/migration/systems/{id}/questionnaire', 'put'>) =>
  call(client.PUT('/api/migration/systems/{id}/questionnaire', { params: { ...system(id), header: ifMatch(etag) }, body }));

export const confirmProposal = (id: string, etag: string | null, body: ConfirmBody) =>
  call(client.POST('/api/migration/systems/{id}/questionnaire/confirm', { params: { ...system(id), header: ifMatch(etag) }, body }));
