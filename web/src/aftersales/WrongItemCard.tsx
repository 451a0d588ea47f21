import { Alert, Descriptions } from 'antd';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { Case } from './api';

type WrongItemCheck = NonNullable<Case['wrongItemCheck']>;

const VERDICT_ALERT = { ours: 'error', buyer_error: 'info', unknown_barcode: 'warning' } as const;

/** 错货核对: the barcode the buyer reported, the SKU it is, whether the order bought it and packing scanned it, and the verdict in words. */
export function WrongItemCard({ check }: { check: WrongItemCheck }) {
  const { t } = useI18n();
  const e = t.aftersales.evidencePanel;
  return (
    <div style={{ marginBottom: 16 }} data-testid="wrong-item-check">
      <Descriptions
        size="small"
        title={e.wrongItem}
        column={2}
        items={[
          { key: 'barcode', label: e.reportedBarcode, children: check.reportedBarcode },
          { key: 'sku', label: e.reportedSku, children: check.sku ? `${check.sku.skuCode} ${check.sku.productName} ${check.sku.spec}` : e.unknownSku },
          { key: 'ordered', label: e.ordered, children: check.ordered ? t.common.yes : t.common.no },
          { key: 'scanned', label: e.scannedTimes, children: check.packingScans },
        ]}
      />
      <Alert
        type={VERDICT_ALERT[check.verdict]}
        showIcon
        title={`${e.verdict}：${labelOf(e.verdicts, check.verdict)}`}
        description={
          <>
            <div>{check.message}</div>
            {check.verdict === 'ours' && <div>{check.stockCorrectedAt ? fill(e.stockCorrected, { at: formatTime(check.stockCorrectedAt) }) : e.stockNotCorrected}</div>}
          </>
        }
      />
    </div>
  );
}
