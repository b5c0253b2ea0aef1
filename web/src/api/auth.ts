// Sign-in, sign-out and the current user.
import { client, dataOf, type Schemas } from './client';

export type LoginResponse = Schemas['LoginResult'];

export const login = (username: string, password: string): Promise<LoginResponse> =>
  dataOf(client.POST('/api/auth/login', { body: { username, password } }), { skipAuthRedirect: true });

export async function logout(): Promise<void> {
  await dataOf(client.POST('/api/auth/logout'), { skipAuthRedirect: true });
}

/** The signed-in user with the console areas they may open and their home page. */
export const me = (): Promise<Schemas['Me']> => dataOf(client.GET('/api/auth/me'));

/** How one may sign in: single sign-on is offered when the server has it configured. */
export const providers = (): Promise<Schemas['SignInProviders']> => dataOf(client.GET('/api/auth/providers'), { skipAuthRedirect: true });

/** Exchanges the one-time ticket single sign-on came back with (in this browser, which holds its cookie) for a session. */
export const completeSso = (ticket: string): Promise<LoginResponse> =>
  dataOf(client.POST('/api/auth/oidc/complete', { body: { ticket } }), { skipAuthRedirect: true });
