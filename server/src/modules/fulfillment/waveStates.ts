import { StateError } from '../../platform/errors';

/**
 * Wave states. A wave is `picking` from its creation until every unit its orders (those still in
 * it) need has been taken from the shelves, then `picked`: its orders go on to sowing and packing;
 * `shipped` once every order still in it has left (a small floor may ship without confirming picks).
 */
export const WAVE_STATUSES = ['picking', 'picked', 'shipped'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

export const WAVE_ACTIONS = ['finish_picking', 'finish_shipping'] as const;
export type WaveAction = (typeof WAVE_ACTIONS)[number];

export const WAVE_STATUS_LABELS: Record<WaveStatus, string> = { picking: '拣货中', picked: '已拣完', shipped: '已发完' };
const WAVE_ACTION_LABELS: Record<WaveAction, string> = { finish_picking: '完成拣货', finish_shipping: '全部发货' };

/** The transition table: state → action → the state it leads to. */
export const WAVE_TRANSITIONS: Record<WaveStatus, Partial<Record<WaveAction, WaveStatus>>> = {
  picking: { finish_picking: 'picked', finish_shipping: 'shipped' },
  picked: { finish_shipping: 'shipped' },
  shipped: {},
};

const isWaveStatus = (value: string): value is WaveStatus => (WAVE_STATUSES as readonly string[]).includes(value);

/** The state `action` leads to from `current`, or a StateError (409) naming both. */
export function nextWaveStatus(current: string, action: WaveAction): WaveStatus {
  const next = isWaveStatus(current) ? WAVE_TRANSITIONS[current][action] : undefined;
  if (!next) throw new StateError('波次', current, action, { state: isWaveStatus(current) ? WAVE_STATUS_LABELS[current] : current, action: WAVE_ACTION_LABELS[action] });
  return next;
}
