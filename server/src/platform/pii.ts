import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Personal data at rest: AES-256-GCM ciphertext plus an HMAC blind index for exact lookup. */
export interface Pii {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash of a normalised value: equal inputs give equal indexes. */
  blindIndex(value: string): string;
}

const VERSION = 'v1';

export function createPii(secret: string): Pii {
  const master = Buffer.from(secret, 'utf8');
  const encKey = Buffer.from(hkdfSync('sha256', master, 'shopflow', 'pii-encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, 'shopflow', 'pii-blind-index', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest('base64url').slice(0, 32);
    },
  };
}

/** Mainland mobile numbers as stored and indexed: digits only, without +86. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, '').replace(/^\+?86/, '');
  return digits;
}

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '****';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 张三丰 → 张** */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Street detail hidden, keeping the first few characters so staff can recognise it. */
export function maskDetail(detail: string): string {
  const chars = [...detail];
  return chars.slice(0, Math.min(3, chars.length)).join('') + '****';
}

/** 203.0.113.45 → 203.0.*.*; an IPv6 address keeps its first two groups. */
export function maskIp(ip: string): string {
  if (ip.includes('.')) return ip.split('.').slice(0, 2).concat('*', '*').join('.');
  return `${ip.split(':').slice(0, 2).join(':')}:*`;
}
