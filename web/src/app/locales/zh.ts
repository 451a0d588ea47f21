/** UI text, zh-CN first. en.ts must have the same keys (the type enforces it). */
export const zh = {
  appName: 'ShopFlow 电商后台',
  login: {
    title: '登录 ShopFlow',
    username: '用户名',
    password: '密码',
    submit: '登录',
    required: '请输入用户名和密码',
  },
  shell: {
    logout: '退出登录',
    language: 'English',
  },
  menu: {
    workbench: '工作台',
    orders: '订单',
    orderList: '订单列表',
    reviewQueue: '审单',
    newOrder: '手工建单',
    catalog: '商品',
    inventory: '库存',
    stockLevels: '库存查询',
    receipts: '入库',
    admin: '系统设置',
    shops: '店铺',
    warehouses: '仓库',
    users: '用户与角色',
    settings: '规则设置',
  },
  roles: {
    admin: '管理员',
    supervisor: '主管',
    cs_presale: '售前客服',
    cs_aftersale: '售后客服',
    warehouse: '仓储',
    operations: '运营',
    finance: '财务',
  },
  workbench: {
    greeting: '你好，{name}',
    today: '需要你处理的事',
  },
  common: {
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    search: '搜索',
    reset: '重置',
    actions: '操作',
    create: '新建',
    edit: '编辑',
    loading: '加载中…',
    empty: '暂无数据',
    total: '共 {n} 条',
  },
};

export type Messages = typeof zh;

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
