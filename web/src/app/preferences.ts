import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useApiMutation } from './useApiMutation';

/** The signed-in user's own preference `key` (a list's columns), kept on the server so it follows them to any browser. */
export function usePreference(key: string, savedText: string) {
  const client = useQueryClient();
  const queryKey = ['preference', key];
  const query = useQuery({ queryKey, queryFn: () => unwrap(api.GET('/api/v1/me/preferences/{key}', { params: { path: { key } } })), staleTime: Infinity });
  const save = useApiMutation((value: unknown) => unwrap(api.PUT('/api/v1/me/preferences/{key}', { params: { path: { key } }, body: { value } })), {
    success: savedText,
    onSuccess: (saved) => client.setQueryData(queryKey, saved),
  });
  return { value: query.data?.value, save };
}
