// The yearly assessments: of the city departments (Art. 25) and of the counties (Art. 40). Drafted, edited and
// confirmed by GIA with If-Match; a department reads its own confirmed ones, a county its own confirmed scorecard.
import { call, client, dataOf, ifMatch, type RequestBody, type Schemas } from './client';

export type OrgAssessment = Schemas['OrgAssessment'];
export type OrgAssessmentList = Schemas['OrgAssessmentList'];
export type OrgEvidence = Schemas['OrgAssessmentEvidence'];
export type CountyAssessment = Schemas['CountyAssessment'];
export type CountyTable = Schemas['CountyAssessmentTable'];
export type CountyIndicators = Schemas['CountyIndicators'];
export type Grade = NonNullable<OrgAssessment['grade']>;
export type ManualItem = CountyAssessment['manualItems'][number];
export const GRADES: Grade[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];

const one = (id: string) => ({ path: { id } });

export const fetchDepartments = (year: number | undefined, signal?: AbortSignal) =>
  dataOf(client.GET('/api/assessments/departments', { params: { query: { year } }, signal }));
export const startDepartment = (orgId: string, year: number) => call(client.POST('/api/assessments/departments', { body: { orgId, year } }));
export const fetchDepartment = (id: string, signal?: AbortSignal) => call(client.GET('/api/assessments/departments/{id}', { params: one(id), signal }));
export const updateDepartment = (id: string, etag: string | null, body: RequestBody<'/api/assessments/departments/{id}', 'patch'>) =>
  call(client.PATCH('/api/assessments/departments/{id}', { params: { ...one(id), header: ifMatch(etag) }, body }));
export const confirmDepartment = (id: string, etag: string | null) =>
  call(client.POST('/api/assessments/departments/{id}/confirm', { params: { ...one(id), header: ifMatch(etag) } }));

export const fetchCounties = (year: number, signal?: AbortSignal) => dataOf(client.GET('/api/assessments/counties', { params: { query: { year } }, signal }));
export const startCounty = (county: string, year: number) => call(client.POST('/api/assessments/counties', { body: { county, year } }));
export const fetchCounty = (id: string, signal?: AbortSignal) => call(client.GET('/api/assessments/counties/{id}', { params: one(id), signal }));
export const updateCounty = (id: string, etag: string | null, body: RequestBody<'/api/assessments/counties/{id}', 'patch'>) =>
  call(client.PATCH('/api/assessments/counties/{id}', { params: { ...one(id), header: ifMatch(etag) }, body }));
export const confirmCounty = (id: string, etag: string | null) => call(client.POST('/api/assessments/counties/{id}/confirm', { params: { ...one(id), header: ifMatch(etag) } }));
