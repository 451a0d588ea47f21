import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

const TOKEN_KEY = 'shopflow.token';

export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/**
 * The server's error shape: { error: { code, message, details } }. A reply without that body (a
 * proxy's 502, say) has code 'http_error' and an empty message: only its status is known.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The request got no answer: the server is down or unreachable, or the connection dropped. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('no answer from the server', { cause });
  }
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/auth/login')) onUnauthorized();
    return response;
  },
};

/** fetch rejects (a TypeError) when no answer came at all; the app tells that apart from an error reply. */
const unanswered: Middleware = {
  onError: ({ error }) => new NetworkError(error),
};

/** Typed client generated from the server's OpenAPI document (npm run gen:api -w web). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth, unanswered);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's message. */
export async function unwrap<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };
  throw new ApiError(response.status, body.error?.code ?? 'http_error', body.error?.message ?? '', body.error?.details ?? []);
}

/** The file name a download reply gives: the UTF-8 one (filename*) when there is one. */
function fileNameOf(disposition: string | null): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? 'download';
}

/** Saves a file reply (an export) under the name the server gives it; answers that name. */
export async function download(promise: Promise<{ data?: Blob; error?: unknown; response: Response }>): Promise<string> {
  const result = await promise;
  const blob = await unwrap(Promise.resolve(result));
  const fileName = fileNameOf(result.response.headers.get('content-disposition'));
  saveFile(blob, fileName);
  return fileName;
}

/** Hands a file made or fetched in the page to the browser's downloads, under `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
