import { and, count, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { recordEvent } from '../audit';
import type { Actor, Ctx } from '../context';
import { conflict, notFound, unauthorized } from '../errors';
import { permissionsOf, type Role } from '../permissions';
import { authTokens, loginFailures, users } from '../schema';
import type { createUserBody, updateUserBody, User, userListQuery } from './model';
import { hashPassword } from './passwords';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    active: row.active,
    lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function actorOf(row: Pick<UserRow, 'id' | 'displayName' | 'roles'>): Actor {
  return { id: row.id, name: row.displayName, roles: row.roles, permissions: permissionsOf(row.roles) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const prepareTokenLookup = (db: Db) =>
  db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles, active: users.active, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, sql.placeholder('tokenHash')), isNull(authTokens.revokedAt)))
    .prepare('auth_token_lookup');

/** Every request looks its token up: the query is built (and prepared by PostgreSQL) once per database handle. */
const tokenLookups = new WeakMap<Db, ReturnType<typeof prepareTokenLookup>>();

/** The signed-in user behind a bearer token, or a 401. Always asked of the database, so a revoked token stops at once. */
export async function authenticate(ctx: Ctx, token: string): Promise<Actor> {
  let lookup = tokenLookups.get(ctx.db);
  if (!lookup) tokenLookups.set(ctx.db, (lookup = prepareTokenLookup(ctx.db)));
  const [row] = await lookup.execute({ tokenHash: hashToken(token) });
  if (!row || !row.active || row.expiresAt <= ctx.clock.now()) throw unauthorized('登录已失效，请重新登录');
  return actorOf(row);
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await ctx.db
    .update(authTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), isNull(authTokens.revokedAt)));
}

export async function me(ctx: Ctx) {
  if (ctx.actor.id === null) throw unauthorized();
  const user = await getUser(ctx, ctx.actor.id);
  return { ...user, permissions: [...ctx.actor.permissions] };
}

export async function getUser(ctx: Ctx, id: number): Promise<User> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('user', id, '用户');
  return toUser(row);
}

export async function listUsers(ctx: Ctx, q: z.infer<typeof userListQuery>) {
  const where = and(
    q.q ? or(ilike(users.username, `%${q.q}%`), ilike(users.displayName, `%${q.q}%`)) : undefined,
    q.role ? sql`${q.role} = ANY(${users.roles})` : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(users.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(users).where(where);
  return { items: rows.map(toUser), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function createUser(ctx: Ctx, input: z.infer<typeof createUserBody>): Promise<User> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!row) throw conflict('username_taken', `用户名 ${input.username} 已存在`, [{ path: 'username', message: 'taken' }]);
  const user = toUser(row);
  await recordEvent(ctx, { action: 'user.create', entityType: 'user', entityId: row.id, after: user });
  return user;
}

export async function updateUser(ctx: Ctx, id: number, input: z.infer<typeof updateUserBody>): Promise<User> {
  const before = await getUser(ctx, id);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(users)
    .set({
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.roles !== undefined && { roles: [...new Set(input.roles)] }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.password !== undefined && { passwordHash: await hashPassword(input.password), lockedUntil: null }),
      updatedAt: now,
    })
    .where(eq(users.id, id))
    .returning();
  const after = toUser(row!);
  if (input.active === false || input.password !== undefined || input.roles !== undefined) {
    // Roles, password or access changed: existing sessions must sign in again.
    await ctx.db.update(authTokens).set({ revokedAt: now }).where(and(eq(authTokens.userId, id), isNull(authTokens.revokedAt)));
  }
  await recordEvent(ctx, {
    action: 'user.update',
    entityType: 'user',
    entityId: id,
    before,
    after: { ...after, ...(input.password !== undefined && { passwordChanged: true }) },
  });
  return after;
}

export async function unlockUser(ctx: Ctx, id: number): Promise<User> {
  const before = await getUser(ctx, id);
  const [row] = await ctx.db.update(users).set({ lockedUntil: null, updatedAt: ctx.clock.now() }).where(eq(users.id, id)).returning();
  await ctx.db.delete(loginFailures).where(eq(loginFailures.username, before.username));
  const after = toUser(row!);
  await recordEvent(ctx, { action: 'user.unlock', entityType: 'user', entityId: id, before, after });
  return after;
}

/**
 * First start: create `admin` with the given password, or a generated one that the caller prints
 * once. Returns the generated password, or null when admin existed or the password was given.
 */
export async function ensureAdmin(ctx: Ctx, givenPassword: string | undefined): Promise<string | null> {
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (existing) return null;
  const password = givenPassword ?? randomBytes(12).toString('base64url');
  await createUser(ctx, { username: 'admin', password, displayName: '管理员', roles: ['admin'] });
  return givenPassword ? null : password;
}
