import { createHmac, timingSafeEqual } from 'node:crypto';

/** Request headers a signed webhook carries, both ways. */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-shopflow-timestamp',
  signature: 'x-shopflow-signature',
} as const;

/**
 * The one signature ShopFlow's webhooks carry, both ways: `sha256=` + hex HMAC-SHA256 of
 * `${timestamp}.${body}`, the timestamp in Unix seconds. Outgoing messages are signed with it;
 * incoming ones (carrier tracking) are checked with it.
 */
export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** How far a signed request's timestamp may be from our clock: a replay older than this is refused outright. */
export const SIGNATURE_MAX_SKEW_SECONDS = 300;

/** Why a signed request is refused, or null when its signature holds and it is fresh. */
export function signatureProblem(secret: string, headers: { timestamp?: string; signature?: string }, body: string, now: Date): string | null {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return '缺少签名或时间戳';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_MAX_SKEW_SECONDS) return '时间戳超出允许范围（可能是重放的请求）';
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : '签名不符';
}
