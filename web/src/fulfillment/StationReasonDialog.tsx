import { Alert, Input, Modal, Typography, type InputRef } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import type { Parcel } from './packingApi';
import { LARGE } from './StationParcel';

/** What the dialog says: its title, the button, the field's label, an example and the keys, and the word when nothing was typed. */
export interface ReasonWords {
  title: string;
  action: string;
  label: string;
  placeholder: string;
  hint: string;
  required: string;
}

interface Props {
  /** The input's id (browser tests find the focus by it). */
  id: string;
  words: ReasonWords;
  /** What is being decided, above the field (large). */
  summary: ReactNode;
  /** Sends the reason; the parcel it answers goes to `onDone`. */
  submit: (reason: string) => Promise<Parcel>;
  onDone: (parcel: Parcel, reason: string) => void;
  /** The server refused it as a step the parcel can no longer take (409: intercepted, closed meanwhile). */
  onRefused: (err: unknown) => void;
  onCancel: () => void;
}

/**
 * A station's reason for a step off the normal path (称重's 主管放行, 验货's 拆单): the focus in the
 * reason, Enter sends it, Esc goes back to the station. Nothing typed, or an error that is not a
 * refusal of the step, stays in the dialog.
 */
export function StationReasonDialog({ id, words, summary, submit, onDone, onRefused, onCancel }: Props) {
  const { t } = useI18n();
  const input = useRef<InputRef>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function send() {
    if (saving) return;
    const typed = reason.trim();
    if (!typed) return setProblem(words.required);
    setSaving(true);
    try {
      onDone(await submit(typed), typed);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onRefused(err);
      else setProblem(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={<span style={{ fontSize: 22 }}>{words.title}</span>}
      okText={words.action}
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      onOk={send}
      onCancel={onCancel}
      afterOpenChange={(opened) => opened && input.current?.focus()}
    >
      <Typography.Paragraph style={LARGE}>{summary}</Typography.Paragraph>
      <label htmlFor={id} style={{ fontSize: 18 }}>
        {words.label}
      </label>
      <Input
        ref={input}
        id={id}
        size="large"
        maxLength={200}
        value={reason}
        placeholder={words.placeholder}
        status={problem ? 'error' : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          // Enter also ends a Chinese IME's composition (the reason is typed in Chinese): that one is the IME's
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) void send();
        }}
        style={{ marginTop: 8 }}
      />
      <Typography.Text type="secondary">{words.hint}</Typography.Text>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
