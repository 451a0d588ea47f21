import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { recordEvent } from '../audit';
import { DAY } from '../clock';
import { inTransaction, systemActor, type Ctx, type Deps } from '../context';
import { AppError, TooManyAttempts } from '../errors';
import { permissionsOf } from '../permissions';
import { authTokens, loginFailures, users } from '../schema';
import type { loginReply } from './model';
import { verifyPassword } from './passwords';
import { hashToken, toUser } from './service';
import { keysStartingToWait, throttledUntil, THROTTLE_WINDOW_MS, type FailureCount, type ThrottleFacts, type ThrottleKey } from './throttle';

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client address (request.ip). */
  address: string;
}

type Session = z.infer<typeof loginReply>;
type UserRow = typeof users.$inferSelect;

interface Claim {
  attemptId: number;
  user: UserRow | undefined;
  /** The failures of each key, this attempt included. */
  facts: ThrottleFacts;
}

/** One message for an unknown username and a wrong password, in the same time: nothing tells which accounts exist. */
const invalidCredentials = () => new AppError(401, 'invalid_credentials', '用户名或密码错误');

/**
 * Signs in, in three short steps so no transaction stays open while the password is checked (on
 * PGlite a transaction holds the only connection): claim the attempt (throttled → 429), check the
 * password, then open the session or leave the attempt counted as a failure.
 */
export async function signIn(deps: Deps, requestId: string, attempt: SignInAttempt, ttlHours: number): Promise<Session> {
  const inTx = <T>(fn: (ctx: Ctx) => Promise<T>) => inTransaction(deps, systemActor, requestId, fn);
  const claim = await inTx((ctx) => claimAttempt(ctx, attempt));
  const passwordMatches = await verifyPassword(claim.user?.passwordHash ?? null, attempt.password);
  if (claim.user && passwordMatches && claim.user.active) {
    const user = claim.user;
    return inTx((ctx) => openSession(ctx, attempt, user, ttlHours));
  }
  if (keysStartingToWait(claim.facts).length > 0) await inTx((ctx) => auditThrottling(ctx, attempt, claim));
  // A deactivated account says so only to someone who knows its password.
  throw claim.user && passwordMatches ? new AppError(401, 'invalid_credentials', '账号已停用') : invalidCredentials();
}

/**
 * Counts the attempt as a failure before the password is checked, so concurrent guesses are all
 * counted; refuses it (429, nothing written) while any throttle key must wait.
 */
async function claimAttempt(ctx: Ctx, attempt: SignInAttempt): Promise<Claim> {
  const now = ctx.clock.now();
  // Attempts on one account, and from one address, are counted one after another (username first, always).
  await ctx.db.execute(sql`SELECT pg_advisory_xact_lock(7301, hashtext(${attempt.username}))`);
  await ctx.db.execute(sql`SELECT pg_advisory_xact_lock(7302, hashtext(${attempt.address}))`);
  const before = await countFailures(ctx, attempt, new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const until = throttledUntil(before, now);
  if (until) {
    const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
    throw new TooManyAttempts(seconds, `登录失败次数过多，请 ${waitText(seconds)}后再试`);
  }
  const [claimed] = await ctx.db.insert(loginFailures).values({ username: attempt.username, address: attempt.address, at: now }).returning({ id: loginFailures.id });
  const [user] = await ctx.db.select().from(users).where(eq(users.username, attempt.username));
  const counted = (f: FailureCount): FailureCount => ({ count: f.count + 1, lastAt: now });
  return {
    attemptId: claimed!.id,
    user,
    facts: { accountAddress: counted(before.accountAddress), address: counted(before.address), account: counted(before.account) },
  };
}

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

async function countFailures(ctx: Ctx, attempt: SignInAttempt, since: Date): Promise<ThrottleFacts> {
  const scopes = {
    accountAddress: and(eq(loginFailures.username, attempt.username), eq(loginFailures.address, attempt.address)),
    address: eq(loginFailures.address, attempt.address),
    account: eq(loginFailures.username, attempt.username),
  };
  const [row] = await ctx.db
    .select({
      accountAddress: sql<number>`count(*) FILTER (WHERE ${scopes.accountAddress})`.mapWith(Number),
      accountAddressAt: sql<string | null>`max(${loginFailures.at}) FILTER (WHERE ${scopes.accountAddress})`,
      address: sql<number>`count(*) FILTER (WHERE ${scopes.address})`.mapWith(Number),
      addressAt: sql<string | null>`max(${loginFailures.at}) FILTER (WHERE ${scopes.address})`,
      account: sql<number>`count(*) FILTER (WHERE ${scopes.account})`.mapWith(Number),
      accountAt: sql<string | null>`max(${loginFailures.at}) FILTER (WHERE ${scopes.account})`,
    })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, since), or(scopes.account, scopes.address)));
  const at = (value: string | null | undefined) => (value ? new Date(value) : null);
  return {
    accountAddress: { count: row?.accountAddress ?? 0, lastAt: at(row?.accountAddressAt) },
    address: { count: row?.address ?? 0, lastAt: at(row?.addressAt) },
    account: { count: row?.account ?? 0, lastAt: at(row?.accountAt) },
  };
}

/** The password was right: the attempt and this address's earlier failures on the account are forgotten. */
async function openSession(ctx: Ctx, attempt: SignInAttempt, user: UserRow, ttlHours: number): Promise<Session> {
  const now = ctx.clock.now();
  await ctx.db.delete(loginFailures).where(and(eq(loginFailures.username, attempt.username), eq(loginFailures.address, attempt.address)));
  if (user.lockedUntil) await ctx.db.update(users).set({ lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await ctx.db.insert(authTokens).values({ userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt });
  return { token, expiresAt: expiresAt.toISOString(), user: { ...toUser({ ...user, lockedUntil: null }), permissions: [...permissionsOf(user.roles)] } };
}

const KEY_LABELS: Record<ThrottleKey, string> = { accountAddress: '同一账号同一地址', address: '同一地址', account: '同一账号' };

/**
 * A throttle key starts to wait with this failure: audited once, on the account (known or not) or
 * on the address; an account's lockedUntil shows the admin until when failing addresses wait.
 */
async function auditThrottling(ctx: Ctx, attempt: SignInAttempt, claim: Claim): Promise<void> {
  const now = ctx.clock.now();
  const until = throttledUntil(claim.facts, now);
  for (const key of keysStartingToWait(claim.facts)) {
    const after = { scope: KEY_LABELS[key], address: attempt.address, failures: claim.facts[key].count, until: until?.toISOString() ?? null };
    if (key === 'address') {
      await recordEvent(ctx, { action: 'auth.address_throttled', entityType: 'client_address', entityId: attempt.address, after });
    } else if (claim.user) {
      await ctx.db.update(users).set({ lockedUntil: until, updatedAt: now }).where(eq(users.id, claim.user.id));
      await recordEvent(ctx, { action: 'user.sign_in_throttled', entityType: 'user', entityId: claim.user.id, after });
    } else {
      await recordEvent(ctx, { action: 'auth.sign_in_throttled', entityType: 'login_name', entityId: attempt.username, after });
    }
  }
}

/** Failures older than a day count for nothing: the prune job deletes them. */
export async function pruneLoginFailures(ctx: Ctx): Promise<void> {
  await ctx.db.delete(loginFailures).where(lt(loginFailures.at, new Date(ctx.clock.now().getTime() - DAY)));
}
