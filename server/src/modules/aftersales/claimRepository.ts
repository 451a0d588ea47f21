import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { UNDECIDED_CLAIM_STATUSES, type ClaimStatus } from './claimStates';
import type { ClaimKind } from './claimModel';
import { carrierClaims } from './schema';

export type ClaimRecord = typeof carrierClaims.$inferSelect;

export async function insertClaim(ctx: Ctx, values: typeof carrierClaims.$inferInsert): Promise<ClaimRecord> {
  const [row] = await ctx.db.insert(carrierClaims).values(values).returning();
  return row!;
}

/** The case's claims of `kind`, the undecided ones only when asked (the case is locked by the caller, so this holds until commit). */
export function claimsOfKind(ctx: Ctx, caseId: number, kind: ClaimKind, { undecided }: { undecided: boolean }) {
  const statuses = undecided ? [...UNDECIDED_CLAIM_STATUSES] : undefined;
  return ctx.db
    .select({ id: carrierClaims.id, status: carrierClaims.status })
    .from(carrierClaims)
    .where(and(eq(carrierClaims.caseId, caseId), eq(carrierClaims.kind, kind), statuses ? inArray(carrierClaims.status, statuses) : undefined));
}

/** The claim locked for a move: two staff acting on it at once take turns. */
export async function lockClaim(ctx: Ctx, id: number): Promise<ClaimRecord | null> {
  const [row] = await ctx.db.select().from(carrierClaims).where(eq(carrierClaims.id, id)).for('update');
  return row ?? null;
}

export async function updateClaim(ctx: Ctx, id: number, changes: Partial<typeof carrierClaims.$inferInsert> & { status: ClaimStatus }): Promise<void> {
  await ctx.db.update(carrierClaims).set(changes).where(eq(carrierClaims.id, id));
}
