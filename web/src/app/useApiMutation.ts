import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import type { FieldLabels } from './errorText';
import { useShowError } from './errors';

interface Options<TData, TVars> {
  /** Toast on success; a function receives the result. */
  success?: string | ((data: TData, vars: TVars) => string);
  /** Query keys (prefixes) to refetch after success. */
  invalidate?: QueryKey[];
  /** Form whose fields get the server's `details[].path` errors. */
  form?: FormInstance;
  /** What the form calls the fields it sends, so a validation error names them in words. */
  labels?: FieldLabels;
  onSuccess?: (data: TData, vars: TVars) => void;
}

/** A write: runs `fn`, then toasts, refreshes the lists it touched, or shows the server's error. */
export function useApiMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>, options: Options<TData, TVars> = {}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (data, vars) => {
      if (options.success) void message.success(typeof options.success === 'function' ? options.success(data, vars) : options.success);
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(data, vars);
    },
    onError: (err) => showError(err, options.form, options.labels),
  });
}
