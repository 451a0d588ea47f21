import http from 'node:http';
import { ADMIN_PASSWORD } from './server';

export interface ApiReply {
  status: number;
  body: any;
}

/**
 * A signed-in HTTP client over `node:http` with keep-alive connections. Not `fetch`: on this
 * 2-core machine undici's fetch cost the load generator ~1.7 ms of CPU per request, CPU the
 * measured server and PostgreSQL then lacked; a plain request costs a fraction of that.
 */
export interface Api {
  request(method: string, url: string, body?: unknown): Promise<ApiReply>;
  /** Like request, but throws unless the status is 2xx; for setup steps that must work. */
  must(method: string, url: string, body?: unknown): Promise<any>;
}

/** One connection per request in flight, kept open between requests (the load runs ≤ a few hundred in flight). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * `fromAddress` binds the connection to another loopback source address (any of 127.0.0.0/8 on
 * Linux), so the server sees a distinct client address, as it would for staff at different desks.
 */
function send(baseUrl: string, token: string | null, method: string, url: string, body?: unknown, fromAddress?: string): Promise<ApiReply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      baseUrl + url,
      {
        method,
        agent,
        localAddress: fromAddress,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text for the report
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST /api/v1/auth/login without a token: the reply as it came (no throw), for benches that time sign-in itself. */
export const attemptSignIn = (baseUrl: string, username: string, password: string, fromAddress?: string): Promise<ApiReply> =>
  send(baseUrl, null, 'POST', '/api/v1/auth/login', { username, password }, fromAddress);

export async function signIn(baseUrl: string, username: string, password: string): Promise<Api> {
  const login = await attemptSignIn(baseUrl, username, password);
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status} ${JSON.stringify(login.body)}`);
  return clientWithToken(baseUrl, (login.body as { token: string }).token);
}

export const signInAdmin = (baseUrl: string): Promise<Api> => signIn(baseUrl, 'admin', ADMIN_PASSWORD);

/** The password of every user a bench creates with `addUser`. */
export const BENCH_USER_PASSWORD = 'bench-user-password';

/** Creates a user with these roles through the admin API (`BENCH_USER_PASSWORD`); returns its id. */
export async function addUser(admin: Api, username: string, roles: string[]): Promise<number> {
  const user = await admin.must('POST', '/api/v1/users', { username, password: BENCH_USER_PASSWORD, displayName: username, roles });
  return user.id as number;
}

/** A client sending `token` as its bearer token. */
export function clientWithToken(baseUrl: string, token: string): Api {
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
