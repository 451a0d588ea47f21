import { z } from 'zod';

export const customerSchema = z.object({
  id: z.number().int(),
  shopId: z.number().int(),
  nick: z.string().nullable(),
  /** Masked unless revealed (customers.pii.reveal, audited). */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  piiRevealed: z.boolean(),
  blacklisted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const blacklistBody = z.object({
  blacklisted: z.boolean(),
  reason: z.string().trim().min(1, '请填写原因').max(200),
});
export type BlacklistInput = z.infer<typeof blacklistBody>;

export const customerQuery = z.object({ reveal: z.enum(['0', '1']).optional() });
