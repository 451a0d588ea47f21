import { buildApp } from '../app';
import { getShopByCode } from '../modules/catalog';
import { checkStockInvariants } from '../modules/inventory';
import { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from '../modules/orders';
import { actorOf, createUser } from '../platform/auth/service';
import { DAY, FakeClock } from '../platform/clock';
import { inTransaction, readCtx, systemActor, type Actor, type Deps } from '../platform/context';
import { ROLE_LABELS } from '../platform/permissions';
import { seedCatalog } from './catalog';
import { DEMO_SHOPS } from './fixtures';
import { OrderStory } from './orderStory';
import { DEMO_PASSWORD, DEMO_USERS, signInAll, type Call, type DemoUsername } from './staff';

/**
 * `npm run demo`: a believable month of a small brand's back office, made through the HTTP API
 * (in process, app.inject) by the staff who would do each step, so every rule, audit event and
 * stock movement is the real one. The seeder moves its own clock through the last 30 days.
 * Here the run from start to summary; `staff.ts` who works there, `catalog.ts` the warehouses, shops,
 * products and first receipts, `orderStory.ts` the month of orders.
 */

export class DemoAlreadySeeded extends Error {}

export interface DemoOptions {
  /** How many orders to create (300 by default). */
  orders?: number;
  /** The end of the demo month; the caller's clock by default. */
  now?: Date;
}

export interface DemoSummary {
  shops: number;
  warehouses: number;
  skus: number;
  ordersByStatus: Record<OrderStatus, number>;
  users: typeof DEMO_USERS;
  password: string;
}

type ListReply<T = unknown> = { total: number; items: T[] };

export async function refuseIfSeeded(deps: Deps): Promise<void> {
  const code = DEMO_SHOPS[0].code;
  if (await getShopByCode(readCtx(deps, systemActor), code)) {
    throw new DemoAlreadySeeded(`这个数据库里已经有演示数据（店铺 ${code}），不再重复生成。要重新生成，请换一个空数据库（删除 ./data 或设置 SHOPFLOW_DATA_DIR / DATABASE_URL）。`);
  }
}

export async function seedDemo(deps: Deps, opts: DemoOptions = {}): Promise<DemoSummary> {
  await refuseIfSeeded(deps);
  const now = opts.now ?? deps.clock.now();
  const orderCount = opts.orders ?? 300;
  const clock = new FakeClock(now);
  const demoDeps: Deps = { ...deps, clock };
  const app = await buildApp(demoDeps, { logger: false, serveWeb: false });
  try {
    const setUpAt = new Date(now.getTime() - 31 * DAY);
    clock.set(setUpAt);
    const actors = await inTransaction(demoDeps, systemActor, null, async (ctx) => {
      const byName: Partial<Record<DemoUsername, Actor>> = {};
      for (const u of DEMO_USERS) byName[u.username] = actorOf(await createUser(ctx, { ...u, roles: [...u.roles], password: DEMO_PASSWORD }));
      return byName as Record<DemoUsername, Actor>;
    });
    // Sign in at the end of the month so the tokens outlive the clock's walk back through it.
    clock.set(now);
    const staff = await signInAll(app);
    clock.set(setUpAt);
    const warehouseStaff = await seedCatalog(staff, Math.ceil(orderCount / 300));
    await new OrderStory({ staff, actors, warehouseStaff }, demoDeps, clock, now, orderCount).play();
    clock.set(now);
    return await summarise(staff.laowang, demoDeps);
  } finally {
    await app.close();
  }
}
async function summarise(call: Call, deps: Deps): Promise<DemoSummary> {
  const ordersByStatus = {} as Record<OrderStatus, number>;
  for (const status of ORDER_STATUSES) ordersByStatus[status] = (await call<ListReply>('GET', `/api/v1/orders?status=${status}&pageSize=1`)).total;
  const problems = await checkStockInvariants(readCtx(deps, systemActor));
  if (problems.length > 0) throw new Error(`演示数据的库存校验失败：${problems.map((p) => p.message).join('；')}`);
  return {
    shops: (await call<ListReply>('GET', '/api/v1/shops?pageSize=1')).total,
    warehouses: (await call<ListReply>('GET', '/api/v1/warehouses?pageSize=1')).total,
    skus: (await call<ListReply<{ skus: unknown[] }>>('GET', '/api/v1/products?pageSize=200')).items.reduce((n, p) => n + p.skus.length, 0),
    ordersByStatus,
    users: DEMO_USERS,
    password: DEMO_PASSWORD,
  };
}

/** The CLI command: seeds, then prints who can sign in and what is there. */
export async function seedDemoCommand(deps: Deps, args: string[]): Promise<void> {
  const ordersArg = args.find((a) => a.startsWith('--orders='));
  const orders = ordersArg ? Number(ordersArg.slice('--orders='.length)) : 300;
  if (!Number.isInteger(orders) || orders < 20) throw new Error('--orders 需要不小于 20 的整数');
  try {
    await refuseIfSeeded(deps);
    console.log(`正在生成演示数据（${orders} 个订单，约半分钟）…`);
    const s = await seedDemo(deps, { orders });
    const statuses = Object.entries(s.ordersByStatus)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${ORDER_STATUS_LABELS[status as OrderStatus]} ${n}`)
      .join('，');
    console.log(`\n演示数据已生成：${s.shops} 个店铺，${s.warehouses} 个仓库，${s.skus} 个 SKU。\n订单：${statuses}\n`);
    console.log(`演示账号（密码都是 ${s.password}）：`);
    for (const u of s.users) console.log(`  ${u.username.padEnd(12)} ${u.displayName} · ${u.roles.map((r) => ROLE_LABELS[r]).join('、')}`);
    const port = deps.config.port;
    const start = port === 3000 ? 'npm start' : `PORT=${port} npm start`;
    console.log(`\n接着运行 ${start}，在 http://localhost:${port} 用上面任一账号登录。`);
  } catch (err) {
    if (!(err instanceof DemoAlreadySeeded)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}
