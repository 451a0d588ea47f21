import { describe, expect, it } from 'vitest';
import { answered, edited, focused, IDLE, pressed, restarted, type Station } from './station';

/** Enter in the field that has the focus. */
const entered = (station: Station) => pressed(station, '\n');
/** Keys typed while the station is busy, as the hook passes them on. */
const typeAhead = (station: Station, keys: string) => [...keys].reduce((s, key) => pressed(s, key).station, station);

describe('a scan station', () => {
  it('takes the text and Enter as one scan, trimmed, and ignores an empty one', () => {
    const blank = entered(edited(IDLE, '   '));
    expect(blank.request).toBeNull();
    expect(blank.station).toMatchObject({ scanText: '', busy: false });
    const scan = entered(edited(IDLE, ' 6901234567892 '));
    expect(scan.request).toEqual({ kind: 'scan', code: '6901234567892' });
    expect(scan.station.busy).toBe(true);
  });

  it('hands the focus to the follow-up, then back to a cleared scan box once it is confirmed', () => {
    const scanned = entered(edited(IDLE, 'TS-1')).station;
    const found = answered(scanned, { ok: true, followUp: '1' });
    expect(found.station).toMatchObject({ field: 'followUp', followUpText: '1', selected: true, busy: false });
    const typed = edited(found.station, '12');
    const confirm = entered(typed);
    expect(confirm.request).toEqual({ kind: 'followUp', text: '12' });
    const done = answered(confirm.station, { ok: true });
    expect(done).toEqual({ station: IDLE, request: null });
  });

  it('replays a quantity and Enter typed before the scan was answered into the follow-up, not the barcode', () => {
    const scanned = entered(edited(IDLE, '6901234560')).station;
    const found = answered(typeAhead(scanned, '150\n'), { ok: true, followUp: '1' });
    // the typed 150 replaced the selected default 1 and its Enter confirmed it
    expect(found.request).toEqual({ kind: 'followUp', text: '150' });
    expect(found.station).toMatchObject({ field: 'followUp', busy: true, typedAhead: '' });
  });

  it('keeps the keys after a typed-ahead Enter for the next answer: two quick scans are two scans', () => {
    const first = entered(edited(IDLE, 'A-1')).station;
    const step = answered(typeAhead(first, 'B-2\nC'), { ok: true });
    expect(step.request).toEqual({ kind: 'scan', code: 'B-2' });
    expect(step.station).toMatchObject({ scanText: 'B-2', busy: true, typedAhead: 'C' });
    const next = answered(step.station, { ok: true });
    expect(next.station).toMatchObject({ scanText: 'C', busy: false, typedAhead: '' });
  });

  it('keeps a refused scan selected in the scan box, so the next scan types over it', () => {
    const refused = answered(entered(edited(IDLE, 'NOPE-404')).station, { ok: false });
    expect(refused.station).toMatchObject({ field: 'scan', scanText: 'NOPE-404', selected: true, busy: false });
    const retyped = answered(typeAhead(entered(edited(IDLE, 'NOPE-404')).station, 'TS-1\n'), { ok: false });
    expect(retyped.request).toEqual({ kind: 'scan', code: 'TS-1' });
  });

  it('keeps a refused follow-up in the follow-up, selected, for the worker to type again', () => {
    const atQuantity = answered(entered(edited(IDLE, 'TS-1')).station, { ok: true, followUp: '1' }).station;
    const refused = answered(entered(edited(atQuantity, '0')).station, { ok: false });
    expect(refused.station).toMatchObject({ field: 'followUp', followUpText: '0', selected: true });
  });

  it('starts over at an empty scan box when a refusal says what was scanned is gone, keys typed meanwhile going there', () => {
    const atWeight = answered(entered(edited(IDLE, 'SO2024')).station, { ok: true, followUp: '' }).station;
    const gone = answered(typeAhead(entered(edited(atWeight, '812')).station, '77'), { ok: false, restart: true });
    expect(gone.station).toMatchObject({ field: 'scan', scanText: '77', followUpText: '', selected: false, busy: false });
    expect(restarted(atWeight)).toEqual(IDLE);
  });

  it('types a key over a selected text, and after an unselected one', () => {
    const refused = answered(entered(edited(IDLE, 'NOPE')).station, { ok: false }).station;
    const over = pressed(refused, '6').station;
    expect(over).toMatchObject({ scanText: '6', selected: false });
    expect(pressed(over, '9').station.scanText).toBe('69');
  });

  it('ignores edits while busy and drops an unconfirmed follow-up when the worker goes back to the scan box', () => {
    const busy = entered(edited(IDLE, 'TS-1')).station;
    expect(edited(busy, 'TS-12')).toBe(busy);
    const atQuantity = answered(busy, { ok: true, followUp: '1' }).station;
    expect(focused(atQuantity, 'scan')).toMatchObject({ field: 'scan', followUpText: '' });
    expect(focused(IDLE, 'followUp')).toBe(IDLE);
  });
});
