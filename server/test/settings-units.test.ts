import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

type Definition = { key: string; label: string; defaultValue: unknown; unit: string | null; fieldUnits: Record<string, string> };

describe('settings say their unit instead of a title in 分', () => {
  it('declare the unit of every number, so the page can show 元 and hours', async () => {
    const { definitions } = expectStatus<{ definitions: Definition[] }>(await admin.get('/api/v1/settings'), 200);
    const byKey = new Map(definitions.map((d) => [d.key, d]));
    expect(byKey.get('orders.risk.amount')).toMatchObject({ label: '风控：大额订单', unit: null, fieldUnits: { thresholdFen: 'fen' } });
    expect(byKey.get('orders.unpaidCloseMinutes')).toMatchObject({ unit: 'minutes', defaultValue: 1440 });
    expect(byKey.get('orders.unpaidReminders')).toMatchObject({ unit: 'minutes' });
    expect(byKey.get('aftersales.refundAuthorityFen')).toMatchObject({ unit: 'fen' });
    expect(byKey.get('logistics.contactSlaHours')).toMatchObject({ unit: 'hours' });
    for (const d of definitions) {
      const value = d.defaultValue;
      if (typeof value === 'number' || (Array.isArray(value) && typeof value[0] === 'number')) expect(d.unit, d.key).not.toBeNull();
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [field, v] of Object.entries(value)) if (typeof v === 'number') expect(d.fieldUnits[field], `${d.key}.${field}`).toBeTruthy();
      }
      expect(d.label, d.key).not.toMatch(/（(分|分钟|小时|天|克|%)[），]|分钟数|小时数/);
    }
  });

  it('keep storing what they stored: an amount in fen, a duration in minutes', async () => {
    const saved = expectStatus(await admin.put('/api/v1/settings', { 'orders.risk.amount': { enabled: true, thresholdFen: 300_000 }, 'orders.unpaidCloseMinutes': 2880 }), 200);
    expect(saved.values['orders.risk.amount']).toEqual({ enabled: true, thresholdFen: 300_000 });
    expect(saved.values['orders.unpaidCloseMinutes']).toBe(2880);
    expect(saved.definitions.find((d: Definition) => d.key === 'orders.unpaidCloseMinutes').unit).toBe('minutes');
  });
});
