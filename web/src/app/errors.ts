import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** "items.0.skuCode" → ['items', 0, 'skuCode'], the NamePath antd forms use for list fields. */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The server's message for the user, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** A field's own message when it is written for people; otherwise the (Chinese) overall message. */
function fieldMessage(detail: string, overall: string): string {
  return HAS_CHINESE.test(detail) ? detail : overall;
}

/**
 * Shows an API failure the way a worker can act on it: the server's (Chinese) message as a toast,
 * and, when a form is given, each `details[].path` marked on the field it names.
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      void message.error(errorMessage(err));
      if (!form || !(err instanceof ApiError)) return;
      const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      const fields = err.details
        .map((d) => ({ name: toNamePath(d.path), errors: [fieldMessage(d.message, err.message)] }))
        .filter((f) => registered.has(JSON.stringify(f.name)));
      if (fields.length) form.setFields(fields);
    },
    [message],
  );
}
