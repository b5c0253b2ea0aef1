// Sign-in, sign-out and the current user.
import { api } from './client';
import type { LoginResponse } from './types';
import type { SessionUser } from './session';

export async function login(username: string, password: string): Promise<LoginResponse> {
  return (await api<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password }, skipAuthRedirect: true })).data;
}

export async function logout(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST', skipAuthRedirect: true });
}

export async function me(): Promise<SessionUser> {
  return (await api<{ user: SessionUser }>('/api/auth/me')).data.user;
}
