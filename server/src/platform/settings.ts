import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordEvent } from './audit';
import type { Ctx } from './context';
import { unprocessable } from './errors';
import { settings } from './schema';

/**
 * Settings are declared by the module that reads them (key, schema, default, label) and stored
 * as JSON rows; an unset key reads its default, so every threshold and timeout a rule uses is a
 * default a shop may change.
 */
/**
 * What a number in a setting counts, so the settings page shows and takes it as staff think of it
 * (fen as 元, minutes as hours when whole hours); the stored value is always in this unit.
 */
export const SETTING_UNITS = ['fen', 'minutes', 'hours', 'days', 'percent', 'grams', 'count'] as const;
export type SettingUnit = (typeof SETTING_UNITS)[number];

export interface SettingDefinition<T> {
  key: string;
  /** The title staff read: no unit in it, the unit is shown beside the value. */
  label: string;
  schema: z.ZodType<T>;
  defaultValue: T;
  /** The unit of a number or of a list's numbers. */
  unit?: SettingUnit;
  /** The unit of each numeric field of an object setting (a risk rule's thresholds). */
  fieldUnits?: Partial<Record<keyof T & string, SettingUnit>>;
}

const registry = new Map<string, SettingDefinition<unknown>>();

/** A whole number a shop could mean for the setting: outside it, writing the setting is refused (422). */
export const wholeSetting = (min: number, max: number) => z.number().int().min(min).max(max);

/** One name in a listed setting (a province, a sensitive word, a preset reason). */
export const listedName = z.string().trim().min(1).max(50);

export function defineSetting<T>(def: SettingDefinition<T>): SettingDefinition<T> {
  registry.set(def.key, def);
  return def;
}

export function settingDefinitions(): SettingDefinition<unknown>[] {
  return [...registry.values()];
}

export async function readSetting<T>(ctx: Ctx, def: SettingDefinition<T>): Promise<T> {
  const [row] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, def.key));
  if (!row) return def.defaultValue;
  const parsed = def.schema.safeParse(row.value);
  return parsed.success ? parsed.data : def.defaultValue;
}

export async function readAllSettings(ctx: Ctx): Promise<Record<string, unknown>> {
  const rows = await ctx.db.select().from(settings);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const def of registry.values()) {
    const parsed = stored.has(def.key) ? def.schema.safeParse(stored.get(def.key)) : undefined;
    out[def.key] = parsed?.success ? parsed.data : def.defaultValue;
  }
  return out;
}

export async function writeSettings(ctx: Ctx, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const before = await readAllSettings(ctx);
  for (const [key, value] of Object.entries(values)) {
    const def = registry.get(key);
    if (!def) throw unprocessable('unknown_setting', `没有这个设置项：${key}`, [{ path: key, message: 'unknown setting' }]);
    const parsed = def.schema.safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => i.message).join('；');
      throw unprocessable('invalid_setting', `设置项「${def.label}」的值不合法：${why}`, [{ path: key, message: why }]);
    }
    await ctx.db
      .insert(settings)
      .values({ key, value: parsed.data, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.id } });
  }
  const after = await readAllSettings(ctx);
  await recordEvent(ctx, { action: 'settings.update', entityType: 'settings', entityId: 'global', before, after });
  return after;
}
