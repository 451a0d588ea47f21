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

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
