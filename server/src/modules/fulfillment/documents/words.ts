import { localDateTime } from '../../../platform/clock';
import type { WaveKind } from '../rules';
import { WAREHOUSE_TIME_ZONE } from '../service';

/** How the printed documents word codes (the web's zh locale says the same on screen). */

export const FLAG_LABELS: Record<string, string> = { grey: '灰旗', red: '红旗', green: '绿旗', yellow: '黄旗', blue: '蓝旗', purple: '紫旗' };

export const WAVE_KIND_LABELS: Record<WaveKind, string> = { single: '一单一件', multi: '多件（播种）' };

/** A full-width space (全角空格), the gap between fields on one printed line. */
export const GAP = '\u3000';

export const RED_FLAG_WARNING = '红旗：发货前核对';

/** Times printed for the floor, in the warehouse's day. */
export const warehouseTime = (at: Date | string): string => localDateTime(new Date(at), WAREHOUSE_TIME_ZONE);

/** "打印 2026-11-20 10:00 · 第 2 次打印（补打）": a reprint says so on the paper too. */
export const printStamp = (printNo: number, at: Date): string => `打印 ${warehouseTime(at)} · 第 ${printNo} 次打印${printNo > 1 ? '（补打）' : ''}`;
