import { describe, expect, it } from 'vitest';
import type { SowingWall, WallSlot } from './sowingApi';
import { pageOfSlot, slotsIn, slotState, slotUnits, WALL_PAGE, wallDone } from './sowingWall';

const line = (sown: number, needed: number) => ({ lineId: sown * 10 + needed, skuCode: 'CUP', barcode: null, productName: '保温杯', spec: '500ml', needed, sown });
const slot = (n: number, lines: ReturnType<typeof line>[], flags: Partial<Pick<WallSlot, 'full' | 'packing' | 'intercepted' | 'shelved'>> = {}): WallSlot => ({
  slot: n,
  orderId: n,
  orderNo: `SO${n}`,
  lines,
  full: false,
  packing: false,
  intercepted: false,
  shelved: false,
  ...flags,
});

describe('a slot of the sowing wall', () => {
  it('is not started, being sown, full, at 验货 or intercepted — interception first, as the server marks it', () => {
    expect(slotState(slot(1, [line(0, 2), line(0, 1)]))).toBe('empty');
    expect(slotState(slot(2, [line(1, 2), line(0, 1)]))).toBe('sowing');
    expect(slotState(slot(3, [line(2, 2)], { full: true }))).toBe('full');
    expect(slotState(slot(4, [line(1, 2)], { packing: true }))).toBe('packing');
    expect(slotState(slot(5, [line(0, 2)], { packing: true }))).toBe('packing');
    expect(slotState(slot(6, [line(2, 2)], { intercepted: true }))).toBe('intercepted');
  });

  it('counts its units over every line', () => {
    expect(slotUnits(slot(1, [line(1, 2), line(1, 3)]))).toEqual({ sown: 2, needed: 5 });
  });
});

describe('the sowing wall', () => {
  const wall: SowingWall = {
    waveId: 1,
    waveNo: 'BC202612030001',
    status: 'picked',
    slots: [slot(1, [line(2, 2)], { full: true }), slot(2, [line(0, 1)]), slot(3, [line(1, 1)], { intercepted: true })],
    progress: { units: 3, sown: 2, slots: 2, full: 1 },
  };

  it('shows the slots of one state, or all', () => {
    expect(slotsIn(wall, 'empty').map((s) => s.slot)).toEqual([2]);
    expect(slotsIn(wall, 'intercepted').map((s) => s.slot)).toEqual([3]);
    expect(slotsIn(wall, null)).toHaveLength(3);
  });

  it('is done when every slot still in the wave is full, not when every order left it', () => {
    expect(wallDone(wall.progress)).toBe(false);
    expect(wallDone({ units: 3, sown: 3, slots: 2, full: 2 })).toBe(true);
    expect(wallDone({ units: 0, sown: 0, slots: 0, full: 0 })).toBe(false);
  });

  it('turns to the page of the slot a scan lit', () => {
    const big: SowingWall = { ...wall, slots: Array.from({ length: WALL_PAGE * 2 + 1 }, (_, i) => slot(i + 1, [line(0, 1)])) };
    expect(pageOfSlot(big, 1)).toBe(1);
    expect(pageOfSlot(big, WALL_PAGE)).toBe(1);
    expect(pageOfSlot(big, WALL_PAGE + 1)).toBe(2);
    expect(pageOfSlot(big, WALL_PAGE * 2 + 1)).toBe(3);
  });
});
