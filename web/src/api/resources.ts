// An established project's provisioned resources, its entitlement, and requests that draw on it.
import { call, client, dataOf, type RequestBody, type Schemas } from './client';

export type ProjectResources = Schemas['ProjectResources'];
export type ProvisionedResource = Schemas['ProvisionedResource'];
export type EntitlementUsage = Schemas['EntitlementUsage'];
export type ResourceRequest = Schemas['ResourceRequest'];
export type ResourceRequestInput = RequestBody<'/api/projects/{id}/resource-requests', 'post'>;

export const fetchProjectResources = (projectId: string, signal?: AbortSignal) =>
  dataOf(client.GET('/api/projects/{id}/resources', { params: { path: { id: projectId } }, signal }));

export const fetchResourceRequests = (projectId: string, signal?: AbortSignal) =>
  dataOf(client.GET('/api/resource-requests', { params: { query: { projectId } }, signal }));

export const createResourceRequest = (projectId: string, body: ResourceRequestInput) =>
  call(client.POST('/api/projects/{id}/resource-requests', { params: { path: { id: projectId } }, body }));
