import { AppstoreOutlined, BarChartOutlined, CarOutlined, CustomerServiceOutlined, DatabaseOutlined, HomeOutlined, SendOutlined, SettingOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Messages } from './locales/zh';

/**
 * The app's pages: path, menu placement and the permission that shows them. Each page is its own
 * chunk (React.lazy), so the first screen loads only what it needs.
 */
export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  permission: string | null;
  /** Menu entry; omitted for pages reached from another page (details). */
  menu?: { group: keyof Messages['menu'] | null; label: keyof Messages['menu']; icon?: ReactNode };
}

export const menuGroups: { key: keyof Messages['menu']; icon: ReactNode }[] = [
  { key: 'orders', icon: <ShoppingCartOutlined /> },
  { key: 'catalog', icon: <AppstoreOutlined /> },
  { key: 'inventory', icon: <DatabaseOutlined /> },
  { key: 'fulfillment', icon: <CarOutlined /> },
  { key: 'logistics', icon: <SendOutlined /> },
  { key: 'aftersales', icon: <CustomerServiceOutlined /> },
  { key: 'reports', icon: <BarChartOutlined /> },
  { key: 'admin', icon: <SettingOutlined /> },
];

export const pageRoutes: PageRoute[] = [
  {
    path: '/',
    page: lazy(() => import('../pages/WorkbenchPage')),
    permission: null,
    menu: { group: null, label: 'workbench', icon: <HomeOutlined /> },
  },
  { path: '/orders', page: lazy(() => import('../orders/OrderListPage')), permission: 'orders.read', menu: { group: 'orders', label: 'orderList' } },
  { path: '/orders/review', page: lazy(() => import('../orders/ReviewQueuePage')), permission: 'orders.review', menu: { group: 'orders', label: 'reviewQueue' } },
  { path: '/orders/new', page: lazy(() => import('../orders/NewOrderPage')), permission: 'orders.create', menu: { group: 'orders', label: 'newOrder' } },
  { path: '/orders/:id', page: lazy(() => import('../orders/OrderDetailPage')), permission: 'orders.read' },
  { path: '/catalog/products', page: lazy(() => import('../catalog/ProductsPage')), permission: 'catalog.read', menu: { group: 'catalog', label: 'products' } },
  { path: '/inventory/levels', page: lazy(() => import('../inventory/StockLevelsPage')), permission: 'inventory.read', menu: { group: 'inventory', label: 'stockLevels' } },
  { path: '/inventory/receipts', page: lazy(() => import('../inventory/ReceiptsPage')), permission: 'inventory.receive', menu: { group: 'inventory', label: 'receipts' } },
  { path: '/inventory/discrepancies', page: lazy(() => import('../inventory/DiscrepanciesPage')), permission: 'inventory.read', menu: { group: 'inventory', label: 'discrepancies' } },
  { path: '/inventory/warehouses', page: lazy(() => import('../inventory/WarehousesPage')), permission: 'warehouses.read', menu: { group: 'inventory', label: 'warehouses' } },
  { path: '/fulfillment/waves', page: lazy(() => import('../fulfillment/WavesPage')), permission: 'fulfillment.read', menu: { group: 'fulfillment', label: 'waves' } },
  { path: '/fulfillment/waves/:id', page: lazy(() => import('../fulfillment/WaveDetailPage')), permission: 'fulfillment.read' },
  { path: '/fulfillment/picking', page: lazy(() => import('../fulfillment/PickingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'picking' } },
  { path: '/fulfillment/sowing', page: lazy(() => import('../fulfillment/SowingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'sowing' } },
  { path: '/fulfillment/packing', page: lazy(() => import('../fulfillment/PackingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'packing' } },
  { path: '/fulfillment/weighing', page: lazy(() => import('../fulfillment/WeighingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'weighing' } },
  { path: '/fulfillment/shipping', page: lazy(() => import('../fulfillment/ShippingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'shipping' } },
  { path: '/fulfillment/parcels', page: lazy(() => import('../fulfillment/WaitingParcelsPage')), permission: 'fulfillment.read', menu: { group: 'fulfillment', label: 'waitingParcels' } },
  { path: '/fulfillment/singles', page: lazy(() => import('../fulfillment/SinglesPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'singles' } },
  { path: '/fulfillment/shelving', page: lazy(() => import('../fulfillment/ShelvingPage')), permission: 'fulfillment.manage', menu: { group: 'fulfillment', label: 'shelving' } },
  { path: '/logistics/exceptions', page: lazy(() => import('../logistics/ExceptionsPage')), permission: 'logistics.read', menu: { group: 'logistics', label: 'exceptions' } },
  { path: '/logistics/tracking', page: lazy(() => import('../logistics/TrackingPage')), permission: 'logistics.read', menu: { group: 'logistics', label: 'tracking' } },
  { path: '/aftersales', page: lazy(() => import('../aftersales/AftersalesPage')), permission: 'aftersales.read', menu: { group: 'aftersales', label: 'aftersalesWorkbench' } },
  { path: '/aftersales/returns', page: lazy(() => import('../aftersales/ReturnsPage')), permission: 'aftersales.receive', menu: { group: 'aftersales', label: 'returnReceipt' } },
  { path: '/aftersales/claims', page: lazy(() => import('../aftersales/ClaimsPage')), permission: 'aftersales.read', menu: { group: 'aftersales', label: 'carrierClaims' } },
  { path: '/aftersales/:id', page: lazy(() => import('../aftersales/CaseDetailPage')), permission: 'aftersales.read' },
  { path: '/reports/unpaid', page: lazy(() => import('../reports/UnpaidRegisterPage')), permission: 'orders.read', menu: { group: 'reports', label: 'unpaidRegister' } },
  { path: '/reports/aftersales-register', page: lazy(() => import('../reports/AftersalesRegisterPage')), permission: 'aftersales.read', menu: { group: 'reports', label: 'aftersalesRegister' } },
  { path: '/reports/returns', page: lazy(() => import('../reports/ReturnsRegisterPage')), permission: 'aftersales.read', menu: { group: 'reports', label: 'returnsRegister' } },
  { path: '/reports/return-reasons', page: lazy(() => import('../reports/ReturnReasonsPage')), permission: 'aftersales.read', menu: { group: 'reports', label: 'returnReasons' } },
  { path: '/reports/refunds', page: lazy(() => import('../reports/RefundStatsPage')), permission: 'aftersales.read', menu: { group: 'reports', label: 'refundStats' } },
  { path: '/admin/shops', page: lazy(() => import('../catalog/ShopsPage')), permission: 'shops.read', menu: { group: 'admin', label: 'shops' } },
  { path: '/admin/users', page: lazy(() => import('../admin/UsersPage')), permission: 'users.read', menu: { group: 'admin', label: 'users' } },
  { path: '/admin/settings', page: lazy(() => import('../admin/SettingsPage')), permission: 'settings.read', menu: { group: 'admin', label: 'settings' } },
  { path: '/admin/outbox', page: lazy(() => import('../admin/OutboxPage')), permission: 'outbox.read', menu: { group: 'admin', label: 'outbox' } },
];
