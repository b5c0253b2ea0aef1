// The one fetch wrapper: JSON in and out, the bearer token, the UI language (the server answers in it), ETags
// for optimistic concurrency (If-Match), and 401 handling (the session ends and the app shows the sign-in page).
import { ApiError, toApiError } from './errors';
import { clearSession, getToken } from './session';

export interface ApiResult<T> {
  data: T;
  /** the ETag of the answer, e.g. "v7": send it back as If-Match when changing the object */
  etag: string | null;
  status: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined | (string | number)[]>;
  body?: unknown;
  /** multipart uploads */
  form?: FormData;
  ifMatch?: string | null;
  /** further request headers, e.g. Idempotency-Key */
  headers?: Record<string, string>;
  /** sign-in itself: a 401 there is a wrong password, not an ended session */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** The app registers here to go to the sign-in page when the server says the session is over. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

let language = 'zh-CN';
let networkMessage = '无法连接服务器，请检查网络后重试';

/** The i18n layer tells the client which language the server should answer in. */
export function setApiLanguage(lang: string, offlineMessage: string): void {
  language = lang;
  networkMessage = offlineMessage;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The headers every call carries: the session's bearer token and the UI language. */
export function sessionHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { 'Accept-Language': language, Authorization: `Bearer ${token}` } : { 'Accept-Language': language };
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json', ...sessionHeaders() };
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method: opts.method ?? 'GET', headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw toApiError(0, null, networkMessage);
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, parsed, `${networkMessage} (HTTP ${res.status})`);
    if (res.status === 401 && !opts.skipAuthRedirect) {
      clearSession();
      unauthorizedListeners.forEach((l) => l(error));
    }
    throw error;
  }
  return { data: parsed as T, etag: res.headers.get('ETag'), status: res.status };
}

/** The data only, for reads that need no ETag. */
export async function get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
  return (await api<T>(path, { query, signal })).data;
}
