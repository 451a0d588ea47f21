import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordEvent } from './audit';
import type { Ctx } from './context';
import { badRequest, notFound, unauthorized } from './errors';
import { userPreferences } from './schema';

/**
 * A signed-in user's own preferences (a list's columns), declared like settings by the module that
 * owns the screen (key, schema, default) and stored per user as JSON; an unset key, or one stored
 * in a shape the schema no longer takes, reads its default.
 */
export interface PreferenceDefinition<T> {
  key: string;
  schema: z.ZodType<T>;
  defaultValue: T;
}

const registry = new Map<string, PreferenceDefinition<unknown>>();

export function definePreference<T>(def: PreferenceDefinition<T>): PreferenceDefinition<T> {
  registry.set(def.key, def);
  return def;
}

function definitionOf(key: string): PreferenceDefinition<unknown> {
  const def = registry.get(key);
  if (!def) throw notFound('preference', key, '个人偏好设置');
  return def;
}

/** Preferences belong to a person: the system actor has none. */
function userOf(ctx: Ctx): number {
  if (ctx.actor.id === null) throw unauthorized();
  return ctx.actor.id;
}

async function stored(ctx: Ctx, def: PreferenceDefinition<unknown>): Promise<unknown> {
  const [row] = await ctx.db
    .select({ value: userPreferences.value })
    .from(userPreferences)
    .where(and(eq(userPreferences.userId, userOf(ctx)), eq(userPreferences.key, def.key)));
  const parsed = row ? def.schema.safeParse(row.value) : undefined;
  return parsed?.success ? parsed.data : def.defaultValue;
}

export const readPreference = (ctx: Ctx, key: string): Promise<unknown> => stored(ctx, definitionOf(key));

/** Replaces the caller's preference; a value the key's schema refuses is a 400 naming its field. */
export async function writePreference(ctx: Ctx, key: string, value: unknown): Promise<unknown> {
  const def = definitionOf(key);
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['value', ...issue.path.map(String)].join('.');
    throw badRequest('validation_error', `偏好设置的值不合法（${path}）：${issue.message}`, [{ path, message: issue.message }]);
  }
  const before = await stored(ctx, def);
  const now = ctx.clock.now();
  await ctx.db
    .insert(userPreferences)
    .values({ userId: userOf(ctx), key, value: parsed.data, updatedAt: now })
    .onConflictDoUpdate({ target: [userPreferences.userId, userPreferences.key], set: { value: parsed.data, updatedAt: now } });
  await recordEvent(ctx, { action: 'preference.update', entityType: 'user', entityId: userOf(ctx), before: { [key]: before }, after: { [key]: parsed.data } });
  return parsed.data;
}
