import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { useApiMutation } from '../app/useApiMutation';
import { parseAddress, type ParsedAddress } from './api';
import { RECEIVER_FIELDS } from './parsedReceiver';

export type { ParsedAddress };


interface Props {
  /** Receives every field; the ones not recognised are null and should leave the form as it was. */
  onParsed: (fields: ParsedAddress) => void;
}

/**
 * 智能识别: paste what the buyer typed in chat, 识别 (or Ctrl+Enter) fills the receiver's fields through
 * `onParsed`, and the box says which fields it could not find, so staff know what is left to type.
 */
export function AddressPaste({ onParsed }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ text: string; complete: boolean } | null>(null);
  const parse = useApiMutation((pasted: string) => parseAddress(pasted), {
    onSuccess: (fields) => {
      const missing = RECEIVER_FIELDS.filter((f) => fields[f] === null);
      if (missing.length === RECEIVER_FIELDS.length) return setNote({ text: t.addressPaste.nothing, complete: false });
      onParsed(fields);
      const names = missing.map((f) => t.addressPaste.fields[f]).join('、');
      setNote(missing.length === 0 ? { text: t.addressPaste.allFound, complete: true } : { text: fill(t.addressPaste.missing, { fields: names }), complete: false });
    },
  });
  const recognise = () => {
    if (text.trim()) parse.mutate(text);
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t.addressPaste.title}</Typography.Text>
      <Input.TextArea
        aria-label={t.addressPaste.title}
        value={text}
        rows={3}
        maxLength={500}
        placeholder={t.addressPaste.placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            recognise();
          }
        }}
        style={{ marginTop: 4 }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button onClick={recognise} loading={parse.isPending} disabled={!text.trim()}>
          {t.addressPaste.recognise}
        </Button>
        <Typography.Text type="secondary">{t.addressPaste.shortcut}</Typography.Text>
      </Space>
      {note && (
        <div role="status" style={{ marginTop: 8 }}>
          <Typography.Text type={note.complete ? 'success' : 'warning'}>{note.text}</Typography.Text>
        </div>
      )}
    </div>
  );
}
