import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type Role = paths['/api/v1/users']['post']['requestBody']['content']['application/json']['roles'][number];
export type UserInput = paths['/api/v1/users']['post']['requestBody']['content']['application/json'];
export type UserChange = paths['/api/v1/users/{id}']['patch']['requestBody']['content']['application/json'];
export type User = Awaited<ReturnType<typeof fetchUsers>>['items'][number];

export function fetchUsers(query: { q?: string; role?: Role; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/users', { params: { query } }));
}

export function createUser(body: UserInput) {
  return unwrap(api.POST('/api/v1/users', { body }));
}

export function updateUser(id: number, body: UserChange) {
  return unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
}

export function unlockUser(id: number) {
  return unwrap(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } }));
}

export const fetchUserEvents = (id: number) => unwrap(api.GET('/api/v1/users/{id}/events', { params: { path: { id } } }));

export function fetchSettings() {
  return unwrap(api.GET('/api/v1/settings'));
}

export function saveSettings(values: Record<string, unknown>) {
  return unwrap(api.PUT('/api/v1/settings', { body: values }));
}

export type DeadMessage = Awaited<ReturnType<typeof fetchDeadMessages>>['items'][number];

export const fetchDeadMessages = (query: { topic?: string; page: number; pageSize: number }) => unwrap(api.GET('/api/v1/outbox/dead', { params: { query } }));

export const retryDeadMessage = (id: number) => unwrap(api.POST('/api/v1/outbox/{id}/retry', { params: { path: { id } } }));
