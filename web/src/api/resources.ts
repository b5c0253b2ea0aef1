// An established project's provisioned resources, its entitlement, and requests that draw on it.
import { api, get } from './client';
import type { Page, ProjectResources, ResourceRequest, ResourceRequestInput } from './types';

export const fetchProjectResources = (projectId: string, signal?: AbortSignal) =>
  get<ProjectResources>(`/api/projects/${encodeURIComponent(projectId)}/resources`, undefined, signal);

export const fetchResourceRequests = (projectId: string, signal?: AbortSignal) =>
  get<Page<ResourceRequest>>('/api/resource-requests', { projectId }, signal);

export const createResourceRequest = (projectId: string, body: ResourceRequestInput) =>
  api<ResourceRequest>(`/api/projects/${encodeURIComponent(projectId)}/resource-requests`, { method: 'POST', body });
