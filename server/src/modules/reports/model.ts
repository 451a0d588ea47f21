import { z } from 'zod';
import { lowStockAlertSchema } from '../inventory/model';

export const workbenchReply = z.object({
  /** Orders waiting for a person's review past their 2 h SLA. */
  reviewOverdue: z.number().int(),
  /** Unpaid orders old enough for a payment reminder (催付). */
  unpaidToRemind: z.number().int(),
  lowStock: z.object({ total: z.number().int(), items: z.array(lowStockAlertSchema) }),
});
export type Workbench = z.infer<typeof workbenchReply>;
