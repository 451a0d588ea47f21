import { z } from 'zod';
import { pageQuery, patchBody, searchText } from '../model';
import { ROLES } from '../permissions';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = userSchema.extend({ permissions: z.array(z.string()) });

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(100, '用户名最多 100 个字符'),
  password: z.string().min(1, '请输入密码').max(200, '密码最多 200 个字符'),
});

export const loginReply = z.object({ token: z.string(), expiresAt: z.string(), user: meSchema });

const password = z.string().min(8, '密码至少 8 位').max(200);

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .max(40, '用户名最多 40 位')
    .regex(/^[A-Za-z0-9_.-]{2,40}$/, '用户名为 2–40 位字母、数字、下划线、点或横线'),
  password,
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  roles: z.array(roleSchema).min(1, '至少选择一个角色'),
});

export const updateUserBody = patchBody({
  displayName: z.string().trim().min(1).max(40).optional(),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});

export const userListQuery = z.object({
  q: searchText.optional(),
  role: roleSchema.optional(),
  ...pageQuery,
});

export const userListReply = z.object({ items: z.array(userSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
