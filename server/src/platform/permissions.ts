/**
 * The one place where permissions meet roles. A route declares one permission;
 * a user holds the union of their roles' permissions. admin holds every permission.
 */
export const ROLES = ['admin', 'supervisor', 'cs_presale', 'cs_aftersale', 'warehouse', 'operations', 'finance'] as const;
export type Role = (typeof ROLES)[number];

const everyone: Role[] = ['supervisor', 'cs_presale', 'cs_aftersale', 'warehouse', 'operations', 'finance'];
const customerService: Role[] = ['supervisor', 'cs_presale', 'cs_aftersale'];

const grants = {
  'users.read': ['supervisor'],
  'users.manage': [],
  'settings.read': ['supervisor', 'operations'],
  'settings.manage': [],
  'audit.read': ['supervisor'],
  // The dead-letter view: messages the outbox gave up on, and sending one again.
  'outbox.read': ['supervisor'],
  'outbox.retry': ['supervisor'],
  'shops.read': everyone,
  'shops.manage': [],
  'warehouses.read': everyone,
  'warehouses.manage': [],
  'catalog.read': everyone,
  'catalog.manage': ['supervisor', 'operations'],
  'inventory.read': everyone,
  'inventory.receive': ['supervisor', 'warehouse'],
  'inventory.adjust': ['supervisor'],
  'orders.read': everyone,
  // Manual entry and after-sales reissues; operations see orders but do not take them.
  'orders.create': customerService,
  // Payments recorded by hand are money received: finance confirms them (platform payments arrive with the order).
  'orders.pay': ['supervisor', 'finance'],
  'orders.review': ['supervisor', 'cs_presale'],
  'orders.hold': [...customerService, 'warehouse'],
  'orders.cancel': ['supervisor', 'cs_presale'],
  'orders.remark': [...customerService, 'warehouse'],
  // The buyer's requests before shipping: 改地址, 改规格.
  'orders.edit': customerService,
  // 催付 by hand, as the unpaid sweep does on its schedule.
  'orders.remind': ['supervisor', 'cs_presale'],
  'fulfillment.read': everyone,
  'fulfillment.manage': ['supervisor', 'warehouse'],
  // Letting a parcel whose weight is off go out anyway (称重放行), with a reason.
  'fulfillment.override': ['supervisor'],
  // Tracking events by hand or CSV import; carriers post them signed, without a user.
  'tracking.write': ['supervisor', 'warehouse'],
  'logistics.read': everyone,
  // Contacting the buyer about a parcel in trouble and recording the outcome.
  'logistics.handle': customerService,
  'aftersales.read': everyone,
  // Opening and working cases, refunds within the authority (售后权限, a setting).
  'aftersales.handle': ['supervisor', 'cs_aftersale'],
  // Refunds beyond customer service's authority.
  'aftersales.approve': ['supervisor'],
  // Signing for a buyer's return at the warehouse (退货签收).
  'aftersales.receive': ['supervisor', 'warehouse'],
  'customers.read': [...customerService, 'operations', 'finance'],
  'customers.pii.reveal': customerService,
  'customers.manage': customerService,
  'dashboard.read': everyone,
  // Evidence files: uploaded by those who work cases and returns, seen by everyone who sees a case.
  'files.upload': [...customerService, 'warehouse'],
  'files.read': everyone,
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof grants;
/** `public`: no sign-in (login, health). `authenticated`: any signed-in user (own profile, sign-out). */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const PERMISSIONS = Object.keys(grants) as Permission[];

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  if (roles.includes('admin')) return new Set(PERMISSIONS);
  return new Set(PERMISSIONS.filter((p) => (grants[p] as Role[]).some((r) => roles.includes(r))));
}

/** How staff name each role (messages). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  supervisor: '主管',
  cs_presale: '售前客服',
  cs_aftersale: '售后客服',
  warehouse: '仓储',
  operations: '运营',
  finance: '财务',
};
