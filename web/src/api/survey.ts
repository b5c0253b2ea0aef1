// The migration survey (摸底调查): campaigns with their coverage (the sub-center, the city GIA; others read), and the
// asked organisations' responses.
import { call, client, dataOf, ifMatch, langQuery, type Schemas } from './client';
import { saveBlob } from './download';

export { CAMPAIGN_MACHINE, RESPONSE_MACHINE } from '@survey/workflow';

export type Campaign = Schemas['SurveyCampaignView'];
export type CampaignSummary = Schemas['SurveyCampaignSummary'];
export type CoverageRow = Schemas['SurveyCoverageRow'];
export type SurveyResponse = Schemas['SurveyResponseView'];
export type SurveyResponseSummary = Schemas['SurveyResponseSummary'];
export type ResponseSystem = Schemas['SurveyResponseSystem'];
export type OpenCampaignInput = Schemas['SurveyCampaignOpenInput'];
export type CampaignState = Schemas['SurveyCampaignState'];
export type ResponseState = Schemas['SurveyResponseState'];

const at = (id: string, etag: string | null) => ({ path: { id }, header: ifMatch(etag) });

export const listCampaigns = (signal?: AbortSignal) => dataOf(client.GET('/api/survey/campaigns', { signal }));
export const openCampaign = (body: OpenCampaignInput) => call(client.POST('/api/survey/campaigns', { body }));
export const fetchCampaign = (id: string, signal?: AbortSignal) => call(client.GET('/api/survey/campaigns/{id}', { params: { path: { id } }, signal }));
export const extendCampaign = (id: string, etag: string | null, body: { dueDate: string; reason: string }) =>
  call(client.POST('/api/survey/campaigns/{id}/extend', { params: at(id, etag), body }));
export const remindCampaign = (id: string, etag: string | null) => call(client.POST('/api/survey/campaigns/{id}/remind', { params: at(id, etag) }));
export const closeCampaign = (id: string, etag: string | null, body: { note?: string }) => call(client.POST('/api/survey/campaigns/{id}/close', { params: at(id, etag), body }));

export const listResponses = (signal?: AbortSignal) => dataOf(client.GET('/api/survey/responses', { signal }));
export const fetchResponse = (id: string, signal?: AbortSignal) => call(client.GET('/api/survey/responses/{id}', { params: { path: { id } }, signal }));
export const confirmSystems = (id: string, etag: string | null, systemIds: string[]) =>
  call(client.POST('/api/survey/responses/{id}/confirm', { params: at(id, etag), body: { systemIds } }));
export const submitResponse = (id: string, etag: string | null) => call(client.POST('/api/survey/responses/{id}/submit', { params: at(id, etag) }));
export const declareNone = (id: string, etag: string | null, reason: string) => call(client.POST('/api/survey/responses/{id}/declare-none', { params: at(id, etag), body: { reason } }));
export const returnResponse = (id: string, etag: string | null, reason: string) => call(client.POST('/api/survey/responses/{id}/return', { params: at(id, etag), body: { reason } }));

/** The campaign's coverage as XLSX, in the console's language. */
export async function downloadCoverage(id: string, lang: string, filename: string, fallbackMessage: string): Promise<void> {
  const get = client.GET as unknown as (p: string, init: object) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const blob = await dataOf(get('/api/survey/campaigns/{id}/export', { params: { path: { id }, query: { lang: langQuery(lang) } }, parseAs: 'blob' }), { fallbackMessage });
  saveBlob(blob, `${filename}.xlsx`);
}
