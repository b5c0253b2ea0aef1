// Direct API calls for setting the scene of a browser test (what another person does meanwhile).
import { DEMO_PASSWORD } from './platform.js';

export interface Answer {
  status: number;
  etag: string | null;
  body: any;
}

export function apiClient(baseUrl: string) {
  const tokens = new Map<string, string>();
  async function call(method: string, path: string, opts: { as?: string; body?: unknown; ifMatch?: string | null } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.as) headers.authorization = `Bearer ${await token(opts.as)}`;
    if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
    const res = await fetch(baseUrl + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
  }
  async function token(username: string): Promise<string> {
    let tk = tokens.get(username);
    if (!tk) {
      const res = await call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      tk = res.body.token as string;
      tokens.set(username, tk);
    }
    return tk;
  }
  return { call };
}
