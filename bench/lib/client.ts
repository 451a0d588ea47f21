import { ADMIN_PASSWORD } from './server';

export interface ApiReply {
  status: number;
  body: any;
}

/** A signed-in HTTP client over Node's fetch (undici keeps connections alive between calls). */
export interface Api {
  request(method: string, url: string, body?: unknown): Promise<ApiReply>;
  /** Like request, but throws unless the status is 2xx; for setup steps that must work. */
  must(method: string, url: string, body?: unknown): Promise<any>;
}

async function send(baseUrl: string, token: string | null, method: string, url: string, body?: unknown): Promise<ApiReply> {
  const res = await fetch(baseUrl + url, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the report
  }
  return { status: res.status, body: parsed };
}

export async function signInAdmin(baseUrl: string): Promise<Api> {
  const login = await send(baseUrl, null, 'POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = (login.body as { token: string }).token;
  const request: Api['request'] = (method, url, body) => send(baseUrl, token, method, url, body);
  return {
    request,
    async must(method, url, body) {
      const reply = await request(method, url, body);
      if (reply.status < 200 || reply.status >= 300) throw new Error(`${method} ${url} → ${reply.status}: ${JSON.stringify(reply.body).slice(0, 500)}`);
      return reply.body;
    },
  };
}
