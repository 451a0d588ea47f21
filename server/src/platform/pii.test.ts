import { describe, expect, it } from 'vitest';
import { createPii, maskDetail, maskIp, maskName, maskPhone, normalizePhone, MAINLAND_MOBILE } from './pii';

const pii = createPii('unit-test-secret');

describe('personal data encryption', () => {
  it('round-trips and never stores the plain text', () => {
    const stored = pii.encrypt('13812345678');
    expect(stored).not.toContain('13812345678');
    expect(pii.decrypt(stored)).toBe('13812345678');
  });

  it('uses a fresh IV each time, so equal phones do not look equal at rest', () => {
    expect(pii.encrypt('13812345678')).not.toBe(pii.encrypt('13812345678'));
  });

  it('refuses tampered ciphertext', () => {
    const [v, iv, tag, body] = pii.encrypt('浙江省杭州市西湖区文三路 1 号').split(':');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => pii.decrypt([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('cannot be read with another secret', () => {
    const other = createPii('another-secret');
    expect(() => other.decrypt(pii.encrypt('13812345678'))).toThrow();
  });
});

describe('blind index', () => {
  it('is deterministic for lookups and keyed by the secret', () => {
    expect(pii.blindIndex('13812345678')).toBe(pii.blindIndex('13812345678'));
    expect(pii.blindIndex('13812345678')).not.toBe(pii.blindIndex('13812345679'));
    expect(createPii('another-secret').blindIndex('13812345678')).not.toBe(pii.blindIndex('13812345678'));
  });
});

describe('phones and masking', () => {
  it('normalises the ways buyers write numbers', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('86 13812345678')).toBe('13812345678');
    expect(MAINLAND_MOBILE.test('13812345678')).toBe(true);
    expect(MAINLAND_MOBILE.test('12812345678')).toBe(false);
    expect(MAINLAND_MOBILE.test('1381234567')).toBe(false);
  });

  it('masks as staff expect to see it', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
    expect(maskDetail('文三路 1 号 2 幢')).toBe('文三路****');
    expect(maskIp('203.0.113.45')).toBe('203.0.*.*');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:*');
  });
});
