import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { errorText, fieldErrors, type FieldLabels } from './errorText';
import { useI18n } from './i18n';

/**
 * Shows an API failure the way a worker can act on it: what went wrong as a toast (validation
 * details in words, with the fields named by `labels`), and, when a form is given, each
 * `details[].path` marked on the field it names.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (err: unknown, form?: FormInstance, labels?: FieldLabels) => {
      void message.error(errorText(err, t, labels));
      if (!form || !(err instanceof ApiError)) return;
      // a path names a field when it reads the same joined by dots (a setting's key holds dots itself)
      const registered = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
      const fields = fieldErrors(err, t, labels).flatMap((d) => {
        const name = registered.get(d.path);
        return name ? [{ name, errors: [d.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
    },
    [message, t],
  );
}
