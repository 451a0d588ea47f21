import { conflict, unprocessable, type ErrorDetail } from '../../platform/errors';
import type { CloseInput } from './model';
import type { CaseRecord } from './repository';

/**
 * A complaint (投诉/维权) closes saying whether the fault was ours and whether the buyer's problem was
 * resolved — the complaint and resolution rates count these — and one that was ours only after the
 * buyer was apologised to (a proposal of 致歉). Other cases close as they are.
 */
export function complaintClosing(row: CaseRecord, input: CloseInput): { complaintOurs?: boolean; complaintResolved?: boolean } {
  if (row.type !== 'complaint') return {};
  const missing: ErrorDetail[] = [];
  if (input.ours === undefined) missing.push({ path: 'ours', message: '请选择投诉责任是否在我方' });
  if (input.resolved === undefined) missing.push({ path: 'resolved', message: '请选择投诉是否已解决' });
  if (missing.length) throw unprocessable('validation_error', missing.map((m) => m.message).join('；'), missing);
  if (input.ours && row.apologizedAt === null) throw conflict('apology_required', '责任在我方的投诉，请先向买家致歉（提出方案：致歉）再完结', [{ path: 'ours', message: '尚未致歉' }]);
  return { complaintOurs: input.ours!, complaintResolved: input.resolved! };
}
