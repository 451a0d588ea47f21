import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { recordEvent } from '../audit';
import { MINUTE } from '../clock';
import { systemActor, type Actor, type Ctx } from '../context';
import { AppError, conflict, notFound, unauthorized } from '../errors';
import { permissionsOf, type Role } from '../permissions';
import { authTokens, loginFailures, users } from '../schema';
import type { createUserBody, loginReply, updateUserBody, User, userListQuery } from './model';

export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE;
export const LOCKOUT_DURATION_MS = 15 * MINUTE;

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): User {
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

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const hashPassword = (plain: string) => hash(plain, { algorithm: 2 /* argon2id */ });

/**
 * Returns a failure instead of throwing it, so the recorded failed attempt (and any lock) commits;
 * the route raises the error after the transaction.
 */
export type LoginResult = { failure: AppError } | { session: z.infer<typeof loginReply> };

export async function login(ctx: Ctx, username: string, password: string, ttlHours: number): Promise<LoginResult> {
  const now = ctx.clock.now();
  // Locked so that concurrent guesses are counted one after another, never all let through at once.
  const [row] = await ctx.db.select().from(users).where(eq(users.username, username)).for('update');
  if (row?.lockedUntil && row.lockedUntil > now) {
    throw new AppError(423, 'account_locked', `密码错误次数过多，账号已锁定至 ${row.lockedUntil.toISOString()}`, [
      { path: 'username', message: 'locked' },
    ]);
  }
  const ok = row ? await verify(row.passwordHash, password) : false;
  if (!row || !ok || !row.active) {
    await ctx.db.insert(loginFailures).values({ username, at: now });
    if (row) await lockIfTooManyFailures(ctx, row, now);
    return { failure: new AppError(401, 'invalid_credentials', row && ok && !row.active ? '账号已停用' : '用户名或密码错误') };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await ctx.db.insert(authTokens).values({ userId: row.id, tokenHash: hashToken(token), createdAt: now, expiresAt });
  await ctx.db.delete(loginFailures).where(eq(loginFailures.username, username));
  return {
    session: { token, expiresAt: expiresAt.toISOString(), user: { ...toUser(row), permissions: [...permissionsOf(row.roles)] } },
  };
}

async function lockIfTooManyFailures(ctx: Ctx, row: UserRow, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
  const [recent] = await ctx.db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, row.username), gt(loginFailures.at, since)));
  if ((recent?.n ?? 0) < LOCKOUT_ATTEMPTS) return;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_DURATION_MS);
  await ctx.db.update(users).set({ lockedUntil, updatedAt: now }).where(eq(users.id, row.id));
  await ctx.db.delete(loginFailures).where(eq(loginFailures.username, row.username));
  await recordEvent(
    { ...ctx, actor: systemActor },
    { action: 'user.locked', entityType: 'user', entityId: row.id, before: { lockedUntil: null }, after: { lockedUntil: lockedUntil.toISOString(), failures: recent?.n } },
  );
}

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
