import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

const serverSrc = path.resolve(import.meta.dirname, '../../../../server/src');

/**
 * Every audit action the server records: those named as a literal (`action: 'wave.create'`) in its
 * sources, and `order.<action>` for each action of the order state table (orders' `transition`).
 */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(serverSrc, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const m of readFileSync(path.join(serverSrc, file), 'utf8').matchAll(/action: '([a-z_]+(?:\.[a-zA-Z_]+)+)'/g)) found.add(m[1]!);
  }
  const orderStates = readFileSync(path.join(serverSrc, 'modules/orders/states.ts'), 'utf8');
  const orderActions = /ORDER_ACTIONS = \[([^\]]*)\]/.exec(orderStates)![1]!;
  for (const m of orderActions.matchAll(/'([a-z_]+)'/g)) found.add(`order.${m[1]}`);
  return [...found].sort();
}

describe('audit timeline labels', () => {
  const actions = recordedActions();

  it('finds the actions the server records', () => {
    expect(actions).toEqual(expect.arrayContaining(['order.cancel', 'order.short_pick', 'aftersales_case.refund', 'inventory.receive']));
    expect(actions.length).toBeGreaterThan(70);
  });

  it.each([
    ['zh', zh.eventActions],
    ['en', en.eventActions],
  ])('names every one of them in %s', (_, labels) => {
    expect(actions.filter((a) => !(a in labels))).toEqual([]);
  });
});
