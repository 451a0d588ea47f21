import { describe, expect, it } from 'vitest';
import { undoNoticeOf } from './undoNotice';

describe('undoNoticeOf', () => {
  it('reads whether 撤销审核 withdrew the buyer’s notice', () => {
    expect(undoNoticeOf({ action: 'order.undo_approve', after: { status: 'on_hold', noticeWithdrawn: true } })).toBe('withdrawn');
    expect(undoNoticeOf({ action: 'order.undo_approve', after: { status: 'on_hold', noticeWithdrawn: false } })).toBe('sent');
  });

  it('says nothing for other events and for undos recorded without it', () => {
    expect(undoNoticeOf({ action: 'order.approve', after: { noticeWithdrawn: true } })).toBeUndefined();
    expect(undoNoticeOf({ action: 'order.undo_approve', after: { status: 'on_hold' } })).toBeUndefined();
    expect(undoNoticeOf({ action: 'order.undo_approve', after: null })).toBeUndefined();
    expect(undoNoticeOf(undefined)).toBeUndefined();
  });
});
