import { api, unwrap } from '../api/client';

export const fetchCustomer = (id: number) => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } }));

export function setBlacklisted(id: number, blacklisted: boolean, reason: string) {
  return unwrap(api.POST('/api/v1/customers/{id}/blacklist', { params: { path: { id } }, body: { blacklisted, reason } }));
}
