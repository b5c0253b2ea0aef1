// Sign-in, sign-out and the current user.
import { client, dataOf, type Schemas } from './client';
import type { SessionUser } from './session';

export type LoginResponse = Schemas['LoginResult'];

export const login = (username: string, password: string): Promise<LoginResponse> =>
  dataOf(client.POST('/api/auth/login', { body: { username, password } }), { skipAuthRedirect: true });

export async function logout(): Promise<void> {
  await dataOf(client.POST('/api/auth/logout'), { skipAuthRedirect: true });
}

export async function me(): Promise<SessionUser> {
  return (await dataOf(client.GET('/api/auth/me'))).user;
}
