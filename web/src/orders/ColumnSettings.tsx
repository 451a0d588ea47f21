import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { ALWAYS_SHOWN, arrangeColumns, type ColumnChoice, type OrderColumnKey } from './orderColumns';

interface Props {
  columns: ColumnChoice[];
  titles: Record<OrderColumnKey, string>;
  saving: boolean;
  onSave: (columns: ColumnChoice[]) => Promise<unknown>;
}

/** 列设置: which columns the list shows and in what order, for the signed-in user. */
export function ColumnSettings({ columns, titles, saving, onSave }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ColumnChoice[] | null>(null);
  const move = (from: number, to: number) =>
    setDraft((d) => {
      const next = [...d!];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved!);
      return next;
    });
  const toggle = (key: OrderColumnKey, visible: boolean) => setDraft((d) => d!.map((c) => (c.key === key ? { ...c, visible } : c)));

  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setDraft(columns)}>
        {t.orderList.columns}
      </Button>
      <Modal
        open={draft !== null}
        title={t.orderList.columns}
        okText={t.common.save}
        cancelText={t.common.cancel}
        confirmLoading={saving}
        onCancel={() => setDraft(null)}
        onOk={async () => {
          await onSave(draft!);
          setDraft(null);
        }}
        footer={(buttons) => (
          <Space>
            <Button onClick={() => setDraft(arrangeColumns(undefined))}>{t.orderList.resetColumns}</Button>
            {buttons}
          </Space>
        )}
      >
        <Typography.Paragraph type="secondary">{t.orderList.columnsHelp}</Typography.Paragraph>
        <List
          size="small"
          dataSource={draft ?? []}
          renderItem={(c, i) => (
            <List.Item
              actions={[
                <Button key="up" size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${t.orderList.moveUp} ${titles[c.key]}`} disabled={i === 0} onClick={() => move(i, i - 1)} />,
                <Button key="down" size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${t.orderList.moveDown} ${titles[c.key]}`} disabled={i === draft!.length - 1} onClick={() => move(i, i + 1)} />,
              ]}
            >
              <Checkbox checked={c.visible} disabled={c.key === ALWAYS_SHOWN} onChange={(e) => toggle(c.key, e.target.checked)}>
                {titles[c.key]}
                {c.key === ALWAYS_SHOWN && <Typography.Text type="secondary">{t.orderList.alwaysShown}</Typography.Text>}
              </Checkbox>
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
