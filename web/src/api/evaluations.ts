// Evaluations (Art. 21–24): Finance's spot-checks of the self-evaluations, GIA's effectiveness evaluations of a project.
import { call, client, dataOf, ifMatch, langQuery, type RequestBody, type Schemas } from './client';
import { saveBlob } from './download';

export { EVALUATION_DIMENSIONS, EVALUATION_GRADES } from '@projects/workflow';
export { SPOT_CHECK_RESULTS } from '@evaluations/spot-check-workflow';

export type SpotCheck = Schemas['SpotCheck'];
export type SpotCheckSummary = Schemas['SpotCheckSummary'];
export type SpotCheckItem = Schemas['SpotCheckItem'];
export type SpotCheckResult = Schemas['SpotCheckResult'];
export type DrawInput = Schemas['SpotCheckDrawInput'];
export type ResultInput = Schemas['SpotCheckResultInput'];
export type ProjectEvaluations = Schemas['ProjectEvaluations'];
export type Evaluation = Schemas['EffectivenessEvaluation'];
export type EvaluationInput = RequestBody<'/api/projects/{id}/evaluations', 'post'>;
export type EvaluationGrade = Schemas['EvaluationGrade'];

const spotCheck = (id: string) => ({ path: { id } });

export const listSpotChecks = (signal?: AbortSignal) => dataOf(client.GET('/api/evaluations/spot-checks', { signal }));
export const drawSpotCheck = (body: DrawInput) => call(client.POST('/api/evaluations/spot-checks', { body }));
export const fetchSpotCheck = (id: string, signal?: AbortSignal) => call(client.GET('/api/evaluations/spot-checks/{id}', { params: spotCheck(id), signal }));
export const recordResult = (id: string, etag: string | null, body: ResultInput) =>
  call(client.POST('/api/evaluations/spot-checks/{id}/results', { params: { path: { id }, header: ifMatch(etag) }, body }));
export const closeSpotCheck = (id: string, etag: string | null) => call(client.POST('/api/evaluations/spot-checks/{id}/close', { params: { path: { id }, header: ifMatch(etag) } }));

/** The spot-check's sampled self-evaluations and results as XLSX, in the console's language. */
export async function downloadSpotCheck(id: string, lang: string, filename: string, fallbackMessage: string): Promise<void> {
  const get = client.GET as unknown as (p: string, init: object) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const blob = await dataOf(get('/api/evaluations/spot-checks/{id}/export', { params: { path: { id }, query: { lang: langQuery(lang) } }, parseAs: 'blob' }), { fallbackMessage });
  saveBlob(blob, `${filename}.xlsx`);
}

export const fetchEvaluations = (projectId: string, signal?: AbortSignal) => dataOf(client.GET('/api/projects/{id}/evaluations', { params: { path: { id: projectId } }, signal }));
/** If-Match: the project's version (`projectVersion` of the evaluations). */
export const createEvaluation = (projectId: string, projectVersion: number, body: EvaluationInput) =>
  call(client.POST('/api/projects/{id}/evaluations', { params: { path: { id: projectId }, header: ifMatch(`"v${projectVersion}"`) }, body }));
