import type { SowingWall, WallProgress, WallSlot } from './sowingApi';

/** A slot as the sower sees it: 未开始, 播种中, 已满 (可打包), 验货中 (its parcel opened) or 已拦截. */
export type SlotState = 'empty' | 'sowing' | 'full' | 'packing' | 'intercepted';

export const SLOT_STATES: readonly SlotState[] = ['empty', 'sowing', 'full', 'packing', 'intercepted'];

export const slotUnits = (slot: WallSlot) => ({
  sown: slot.lines.reduce((n, l) => n + l.sown, 0),
  needed: slot.lines.reduce((n, l) => n + l.needed, 0),
});

export function slotState(slot: WallSlot): SlotState {
  if (slot.intercepted) return 'intercepted';
  if (slot.full) return 'full';
  if (slot.packing) return 'packing';
  return slotUnits(slot).sown > 0 ? 'sowing' : 'empty';
}

/** Every slot still in the wave is full; a wall whose orders all left is not done: what was sown into it goes back to the shelf. */
export const wallDone = (progress: WallProgress) => progress.slots > 0 && progress.full >= progress.slots;

/** The wall's slots in the state chosen (all of them for null). */
export const slotsIn = (wall: SowingWall, state: SlotState | null) => (state === null ? wall.slots : wall.slots.filter((s) => slotState(s) === state));

/** Slots shown at once on the wall; a scan turns to the page of the slot it lit. */
export const WALL_PAGE = 60;

/** The page of the whole wall (every state) a slot is on. */
export const pageOfSlot = (wall: SowingWall, slot: number) => Math.floor(Math.max(0, wall.slots.findIndex((s) => s.slot === slot)) / WALL_PAGE) + 1;
