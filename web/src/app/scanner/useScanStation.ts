import type { InputRef } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type RefObject } from 'react';
import { errorText } from '../errorText';
import { useI18n } from '../i18n';
import { beep, type Tone } from './beep';
import { answered, edited, focused, IDLE, pressed, restarted, type Field, type Request, type Station, type Step } from './station';

/**
 * How a screen answers a scan or a confirmed follow-up. A scan taken with `followUp` hands the
 * focus to the follow-up field holding `text` (selected, so typing replaces it); `subject` (the
 * SKU found, the parcel opened) comes back with the follow-up's text, so a quantity typed ahead
 * never meets a screen state that has not rendered yet. A refusal with `restart` sends the focus
 * to an empty scan box instead of leaving the refused text selected where it was typed (what was
 * scanned is gone: an order intercepted while its parcel was on the scale).
 */
export type ScanAnswer<Subject> = { ok: true; message: string; followUp?: { text: string; subject: Subject } } | { ok: false; message: string; restart?: boolean };

export interface ScanStationOptions<Subject> {
  onScan(code: string): ScanAnswer<Subject> | Promise<ScanAnswer<Subject>>;
  onFollowUp?(text: string, subject: Subject): ScanAnswer<Subject> | Promise<ScanAnswer<Subject>>;
  /**
   * A scan station (a screen worked from the scanner): whenever the focus lands where nothing can
   * be typed — a button clicked, the page's background, a dialog closed — it goes back to the
   * field the station is in. Fields the worker can type in (a note, a select) keep it.
   */
  station?: boolean;
  /** Enter in the empty scan box, nothing pending (退货签收 signs with it). */
  onEmptyEnter?(): void;
}

export interface Feedback {
  tone: Tone;
  message: string;
}

/** The props a field of the station takes (antd `Input`). */
export interface StationFieldProps {
  ref: RefObject<InputRef | null>;
  value: string;
  onChange(e: ChangeEvent<HTMLInputElement>): void;
  onKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
  onFocus(): void;
  disabled?: boolean;
}

const typable = (el: Element | null) =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable);
const dialogOpen = () => [...document.querySelectorAll('[role="dialog"]')].some((d) => d.getClientRects().length > 0);

/**
 * One scan box, and optionally one follow-up field, worked from a barcode scanner or the keyboard
 * (see `station.ts` for the keys): each code and Enter is one scan, answered green or red with a
 * beep, and the focus is always where the next key belongs.
 */
export function useScanStation<Subject>(options: ScanStationOptions<Subject>) {
  const { t } = useI18n();
  const latest = useRef({ options, t });
  useEffect(() => {
    latest.current = { options, t };
  });
  const stationRef = useRef<Station>(IDLE);
  const [station, setStation] = useState<Station>(IDLE);
  const subject = useRef<Subject | null>(null);
  const queued = useRef<Request | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // bumped to put the DOM focus where the station is, once the fields have rendered
  const [focusRequest, setFocusRequest] = useState(0);
  const scanRef = useRef<InputRef>(null);
  const followUpRef = useRef<InputRef>(null);

  function update(next: Station, moveFocus = false) {
    stationRef.current = next;
    setStation(next);
    if (moveFocus) setFocusRequest((n) => n + 1);
  }

  function focusField() {
    const { field, selected } = stationRef.current;
    const input = (field === 'scan' ? scanRef : followUpRef).current;
    if (selected) input?.select();
    else input?.focus({ cursor: 'end' });
  }

  // Until a change of the station is on screen, the fields show the one before: a scanner's next
  // code typed into the browser's field then would be glued to the scan just answered.
  const onScreen = useRef<Station>(IDLE);
  useLayoutEffect(() => {
    onScreen.current = station;
  });
  // in the same commit, so no key meets a field whose text should be selected and is not yet
  useLayoutEffect(focusField, [focusRequest]);

  async function answer(request: Request) {
    const { options: handlers, t: messages } = latest.current;
    let reply: ScanAnswer<Subject>;
    try {
      if (request.kind === 'scan') reply = await handlers.onScan(request.code);
      else reply = handlers.onFollowUp ? await handlers.onFollowUp(request.text, subject.current as Subject) : { ok: true, message: '' };
    } catch (err) {
      reply = { ok: false, message: errorText(err, messages) };
    }
    if (reply.ok && reply.followUp) subject.current = reply.followUp.subject;
    if (reply.message) announce({ tone: reply.ok ? 'ok' : 'error', message: reply.message });
    run(answered(stationRef.current, reply.ok ? { ok: true, followUp: reply.followUp?.text } : { ok: false, restart: reply.restart }), true);
  }

  function announce(said: Feedback) {
    setFeedback(said);
    beep(said.tone);
  }

  function run(step: Step, moveFocus = false) {
    if (step.request) queued.current = step.request;
    update(step.station, moveFocus);
  }

  // A request is asked once the screen has rendered the answer before it (a parcel opened, a SKU
  // found), so a scan typed ahead meets handlers that know it. Asking marks the station busy, so
  // every request comes with a render.
  useEffect(() => {
    const request = queued.current;
    if (!request) return;
    queued.current = null;
    void answer(request);
  });

  function fieldProps(field: Field): StationFieldProps {
    return {
      ref: field === 'scan' ? scanRef : followUpRef,
      value: field === 'scan' ? station.scanText : station.followUpText,
      onChange: (e) => {
        if (stationRef.current.field === field) update(edited(stationRef.current, e.target.value));
      },
      onKeyDown: (e) => {
        // Enter also ends a Chinese IME's composition: that one is the IME's
        if (e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
        const current = stationRef.current;
        const key = e.key === 'Enter' ? '\n' : e.key;
        // busy, the focus not yet moved to where the station is, or the fields not yet showing the
        // station (an answer's render still to come): the station takes the key itself
        const caught = current.busy || current.field !== field || current !== onScreen.current;
        if (key === '\n' && !caught && field === 'scan' && !current.scanText.trim() && latest.current.options.onEmptyEnter) {
          e.preventDefault();
          latest.current.options.onEmptyEnter();
        } else if (key === '\n' || (caught && key.length === 1)) {
          e.preventDefault();
          run(pressed(current, key));
        } else if (caught && key !== 'Tab') e.preventDefault();
      },
      onFocus: () => update(focused(stationRef.current, field)),
    };
  }

  useEffect(() => {
    if (!options.station) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(pending);
      // after the browser has settled where the focus went (a click, a dialog's close)
      pending = setTimeout(() => {
        if (!typable(document.activeElement) && !dialogOpen()) focusField();
      });
    };
    document.addEventListener('focusin', check);
    document.addEventListener('focusout', check);
    return () => {
      clearTimeout(pending);
      document.removeEventListener('focusin', check);
      document.removeEventListener('focusout', check);
    };
  }, [options.station]);

  return {
    scanBox: fieldProps('scan'),
    followUp: { ...fieldProps('followUp'), disabled: station.field !== 'followUp' },
    /** Whether the follow-up field is where the keys go (a SKU found, its quantity awaited). */
    awaitingFollowUp: station.field === 'followUp',
    feedback,
    /** Confirms the follow-up as Enter in it would (an 添加 button beside it). */
    confirmFollowUp: () => {
      if (stationRef.current.field === 'followUp') run(pressed(stationRef.current, '\n'));
    },
    /**
     * Puts the focus back where the station is (after a choice made elsewhere, a dialog closed),
     * once the event that asked for it is done: a select that was just chosen from keeps the focus until then.
     */
    focus: () => setTimeout(focusField),
    /**
     * Starts over at an empty scan box, the follow-up dropped (an action taken off the scanner —
     * a key, a dialog — settled what the follow-up was for). Ignored while an answer is awaited.
     */
    restart: () => {
      if (!stationRef.current.busy) update(restarted(stationRef.current), true);
    },
    /** Shows a message green or red with its beep, as an answer does: what an action taken off the scanner did. */
    announce,
  };
}
