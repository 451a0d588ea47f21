/**
 * The keys of a scan station, as plain data: a scan box and one follow-up field (a quantity, a
 * weight) that a scan may hand the focus to. A scanner types a code and Enter in a few
 * milliseconds, and a worker types the quantity straight after; keys that arrive while a scan or
 * a follow-up is being answered wait in `typedAhead` and are replayed, once the answer is in, into
 * the field the answer put the focus in — so a quantity typed after a scan is never read as part
 * of a barcode, and two scans in a row are two scans.
 */

export type Field = 'scan' | 'followUp';

export interface Station {
  /** The field the keys go to. */
  field: Field;
  scanText: string;
  followUpText: string;
  /** The field's whole text is selected: the next key types over it (a refused scan, a default quantity). */
  selected: boolean;
  /** A scan or a follow-up is being answered. */
  busy: boolean;
  /** Keys typed while busy, Enter as "\n". */
  typedAhead: string;
}

/** What the station asks its owner to do: look a scanned code up, or confirm the follow-up's text. */
export type Request = { kind: 'scan'; code: string } | { kind: 'followUp'; text: string };

/**
 * How a scan or follow-up was answered: `followUp` (on a scan) hands the focus to the follow-up,
 * holding that text; `restart` (on a refusal) says what was asked about is gone (a parcel
 * intercepted while on the scale), so the station starts over at an empty scan box.
 */
export type Answer = { ok: true; followUp?: string } | { ok: false; restart?: boolean };

export const IDLE: Station = { field: 'scan', scanText: '', followUpText: '', selected: false, busy: false, typedAhead: '' };

export interface Step {
  station: Station;
  request: Request | null;
}

/** The worker edited the field that has the focus (ignored while busy: those keys are typed ahead). */
export function edited(station: Station, text: string): Station {
  if (station.busy) return station;
  return station.field === 'scan' ? { ...station, scanText: text, selected: false } : { ...station, followUpText: text, selected: false };
}

/** The worker put the focus in `field` (a click, a tab): an unconfirmed follow-up is dropped when they go back to scanning. */
export function focused(station: Station, field: Field): Station {
  if (station.busy || station.field === field) return station;
  return field === 'scan' ? { ...station, field, followUpText: '', selected: false } : station;
}

/**
 * A key in the field the station has the focus in ("\n" for Enter). While busy it is typed
 * ahead; Enter asks about the field's text (an empty scan is no scan); any other key types over
 * a selected text or after it. The browser's own editing of a field comes in through `edited`.
 */
export function pressed(station: Station, key: string): Step {
  if (station.busy) return { station: { ...station, typedAhead: station.typedAhead + key }, request: null };
  if (key !== '\n') {
    const text = station.field === 'scan' ? station.scanText : station.followUpText;
    return { station: edited(station, station.selected ? key : text + key), request: null };
  }
  if (station.field === 'followUp') return { station: { ...station, busy: true }, request: { kind: 'followUp', text: station.followUpText } };
  const code = station.scanText.trim();
  if (!code) return { station: { ...station, scanText: '' }, request: null };
  return { station: { ...station, scanText: code, busy: true }, request: { kind: 'scan', code } };
}

/**
 * The answer to what was asked, then the keys typed meanwhile, replayed: it may end in a new
 * request (a quantity and Enter typed ahead), the keys after it still waiting.
 */
export function answered(station: Station, answer: Answer): Step {
  const after = settle(station, answer);
  return replay({ ...after, typedAhead: '' }, station.typedAhead);
}

/** Back to an empty scan box, the follow-up dropped: the next key starts the next scan. */
export function restarted(station: Station): Station {
  return { ...station, field: 'scan', scanText: '', followUpText: '', selected: false };
}

function settle(station: Station, answer: Answer): Station {
  const idle = { ...station, busy: false };
  if (!answer.ok) return answer.restart ? restarted(idle) : { ...idle, selected: true };
  if (station.field === 'scan' && answer.followUp !== undefined) return { ...idle, field: 'followUp', followUpText: answer.followUp, selected: true };
  return restarted(idle);
}

function replay(station: Station, keys: string): Step {
  let current = station;
  for (let i = 0; i < keys.length; i++) {
    const step = pressed(current, keys[i]!);
    if (step.request) return { station: { ...step.station, typedAhead: keys.slice(i + 1) }, request: step.request };
    current = step.station;
  }
  return { station: current, request: null };
}
