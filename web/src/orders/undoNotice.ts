/** What 撤销审核 did with the buyer's 订单已确认, as its audit event says: withdrawn, or already gone to the buyer. */
export type UndoNotice = 'withdrawn' | 'sent';

/** Undefined for any other event, and for an undo recorded before notices could be withdrawn. */
export function undoNoticeOf(event: { action: string; after: unknown } | undefined): UndoNotice | undefined {
  if (event?.action !== 'order.undo_approve' || typeof event.after !== 'object' || event.after === null) return undefined;
  const withdrawn = (event.after as Record<string, unknown>).noticeWithdrawn;
  if (typeof withdrawn !== 'boolean') return undefined;
  return withdrawn ? 'withdrawn' : 'sent';
}
