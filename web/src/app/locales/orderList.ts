/** The order list as a desk (status tabs, columns, export), zh-CN first; the en copy has the same keys. */
export const orderListZh = {
  orderList: {
    allTab: '全部',
    phone: '手机',
    lines: '商品（货号 × 数量）',
    moreLines: '等 {n} 种',
    columns: '列设置',
    columnsHelp: '勾选要显示的列，用 ↑ ↓ 调整顺序，只对你自己生效',
    moveUp: '上移',
    moveDown: '下移',
    resetColumns: '恢复默认',
    columnsSaved: '列设置已保存',
    alwaysShown: '（始终显示）',
  },
};

export type OrderListMessages = typeof orderListZh;

export const orderListEn: OrderListMessages = {
  orderList: {
    allTab: 'All',
    phone: 'Phone',
    lines: 'Items (SKU × qty)',
    moreLines: '+{n} more',
    columns: 'Columns',
    columnsHelp: 'Tick the columns to show, use ↑ ↓ to reorder; for you only',
    moveUp: 'Move up',
    moveDown: 'Move down',
    resetColumns: 'Reset',
    columnsSaved: 'Column settings saved',
    alwaysShown: '(always shown)',
  },
};
