import { z } from 'zod';

/** Shapes shared by every module's routes. */
export const errorReply = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })) }),
});

export const timelineSchema = z.array(
  z.object({
    id: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorName: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  }),
);

/** Row ids are PostgreSQL integers. */
export const MAX_ID = 2_147_483_647;
export const idSchema = z.number().int().positive().max(MAX_ID);
export const idParams = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });

/** A code staff type and scanners read (shop, warehouse, bin, SKU codes). */
export const codeText = (what: string) =>
  z
    .string()
    .trim()
    .max(64, `${what}最多 64 位`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, `${what}为 1–64 位字母、数字、下划线、点或横线`);

/** A code used to look something up (a filter or a reference to a code above): any text, but short. */
export const lookupCode = z.string().trim().max(64);

/** What staff type into a search box or a free-text filter. */
export const searchText = z.string().trim().max(100);
/** A yes/no query parameter, written true or false. */
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Business times are between these years: a date outside them is a typo or an attack, not an order. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
const inBusinessYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
const yearMessage = `年份应在 ${FIRST_YEAR}–${LAST_YEAR} 之间`;

/** An instant a caller sends: ISO 8601 with an offset (2026-11-20T08:00:00+08:00). */
export const isoTime = z.iso.datetime({ offset: true }).max(40).refine(inBusinessYears, yearMessage);
/** A calendar date a caller sends (2026-11-20). */
export const isoDate = z.iso.date().max(10).refine(inBusinessYears, yearMessage);

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** A PATCH body: only the fields given change, and at least one must be given. */
export const patchBody = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).refine((body) => Object.values(body).some((value) => value !== undefined), '请至少填写一项要修改的内容');
