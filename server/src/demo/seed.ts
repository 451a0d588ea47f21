import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../app';
import { getShopByCode } from '../modules/catalog';
import { checkStockInvariants } from '../modules/inventory';
import { advanceOrder, ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from '../modules/orders';
import { actorOf, createUser } from '../platform/auth/service';
import { DAY, FakeClock, HOUR, MINUTE } from '../platform/clock';
import { inTransaction, readCtx, systemActor, type Actor, type Ctx, type Deps } from '../platform/context';
import { ROLE_LABELS, type Role } from '../platform/permissions';
import {
  address,
  basket,
  between,
  BUYER_MESSAGES,
  buyer,
  CATALOG_SKUS,
  DEMO_SHOPS,
  DEMO_WAREHOUSES,
  demoProducts,
  itemsTotalOf,
  pick,
  REMARKS,
  seededRandom,
  shippingFeeFor,
  type Random,
} from './fixtures';

/**
 * `npm run demo`: a believable month of a small brand's back office, made through the HTTP API
 * (in process, app.inject) by the staff who would do each step, so every rule, audit event and
 * stock movement is the real one. The seeder moves its own clock through the last 30 days.
 */

export const DEMO_PASSWORD = 'shopflow-demo';

export const DEMO_USERS = [
  { username: 'laowang', displayName: '王店长', roles: ['admin'] },
  { username: 'lizhuguan', displayName: '李主管', roles: ['supervisor'] },
  { username: 'xiaocai', displayName: '小蔡', roles: ['cs_presale'] },
  { username: 'xiaoyu', displayName: '小雨', roles: ['cs_presale'] },
  { username: 'xiaozhou', displayName: '小周', roles: ['cs_aftersale'] },
  { username: 'xiaoxu', displayName: '小徐', roles: ['cs_aftersale'] },
  { username: 'chenshifu', displayName: '陈师傅（杭州仓）', roles: ['warehouse'] },
  { username: 'huangshifu', displayName: '黄师傅（广州仓）', roles: ['warehouse'] },
  { username: 'liuyunying', displayName: '刘运营', roles: ['operations'] },
  { username: 'zhaokuaiji', displayName: '赵会计', roles: ['finance'] },
] as const satisfies readonly { username: string; displayName: string; roles: readonly Role[] }[];
type DemoUsername = (typeof DEMO_USERS)[number]['username'];

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

/** Calls the API as one demo user and answers the reply as `T`; throws on anything but 2xx, naming the step. */
type Call = <T = unknown>(method: InjectOptions['method'], url: string, body?: unknown) => Promise<T>;

/** The part of an order reply the seeder follows up on. */
type OrderReply = { id: number; status: OrderStatus; warehouseId: number | null };
type ListReply<T = unknown> = { total: number; items: T[] };

function caller(app: FastifyInstance, token: string): Call {
  return async <T>(method: InjectOptions['method'], url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined && { payload: body as object }) });
    if (res.statusCode >= 300) throw new Error(`演示数据生成失败：${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
}

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

type Staff = Record<DemoUsername, Call>;

async function signInAll(app: FastifyInstance): Promise<Staff> {
  const staff: Partial<Staff> = {};
  for (const u of DEMO_USERS) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`演示账号 ${u.username} 登录失败：${res.body}`);
    staff[u.username] = caller(app, res.json<{ token: string }>().token);
  }
  return staff as Staff;
}

/** Two SKUs get little stock, so restock alerts show on the workbench as they sell. */
const LOW_STOCK_SKUS = new Set(['SG-SK06-02', 'SG-CD12-03']);

/** Who packs and ships in each warehouse. */
const PACKERS: Record<(typeof DEMO_WAREHOUSES)[number]['code'], DemoUsername> = { HZ01: 'chenshifu', GZ01: 'huangshifu' };

/** Warehouses, shops, products and the first receipts; answers which packer works in which warehouse (by id). */
async function seedCatalog(staff: Staff, scale: number): Promise<Map<number, DemoUsername>> {
  const packers = new Map<number, DemoUsername>();
  for (const w of DEMO_WAREHOUSES) {
    const created = await staff.laowang<{ id: number }>('POST', '/api/v1/warehouses', { ...w, bins: ['A-01-01', 'A-01-02', 'B-02-01'] });
    packers.set(created.id, PACKERS[w.code]);
  }
  for (const s of DEMO_SHOPS) await staff.laowang('POST', '/api/v1/shops', s);
  for (const p of demoProducts()) await staff.liuyunying('POST', '/api/v1/products', p);
  const [hangzhou, guangzhou] = DEMO_WAREHOUSES;
  await staff[PACKERS[hangzhou.code]]('POST', '/api/v1/inventory/receipts', {
    warehouseCode: hangzhou.code,
    reference: 'PO-2026-1001',
    note: '首批到货',
    lines: CATALOG_SKUS.map((s) => ({ skuCode: s.code, quantity: (LOW_STOCK_SKUS.has(s.code) ? 40 : 200) * scale })),
  });
  await staff[PACKERS[guangzhou.code]]('POST', '/api/v1/inventory/receipts', {
    warehouseCode: guangzhou.code,
    reference: 'PO-2026-1002',
    note: '华南仓备货',
    lines: CATALOG_SKUS.filter((s) => !LOW_STOCK_SKUS.has(s.code)).map((s) => ({ skuCode: s.code, quantity: 120 * scale })),
  });
  return packers;
}

/**
 * What happens to one order. Fates cycle through a fixed list per age so every state appears
 * even in a small seed: unpaid orders only stay pending when less than a day old, held orders
 * only stay held when recent, older ones were dealt with by the team.
 */
type Fate = 'paid' | 'paid_with_message' | 'pay_later' | 'cod' | 'unpaid' | 'cancel_unpaid' | 'bulk' | 'sensitive_address' | 'green_flag';

const RECENT_FATES: Fate[] = ['unpaid', 'paid', 'paid_with_message', 'pay_later', 'paid', 'cod', 'unpaid', 'green_flag', 'paid', 'paid_with_message'];
const OLDER_FATES: Fate[] = [
  'paid', 'paid', 'unpaid', 'paid_with_message', 'pay_later', 'paid', 'cancel_unpaid', 'cod', 'paid', 'bulk', 'paid', 'unpaid', 'paid', 'pay_later', 'paid', 'paid',
  'paid', 'unpaid', 'paid', 'paid_with_message', 'paid', 'cod', 'paid', 'pay_later', 'paid', 'paid', 'sensitive_address', 'unpaid', 'paid', 'cancel_unpaid', 'paid', 'paid',
];

const BULK_SKU = CATALOG_SKUS.find((s) => s.code === 'SG-DJ04-03')!;

/** Remarks that make sense before shipment (exchange and return flags come with after-sales). */
const BEFORE_SHIPPING_FLAGS: string[] = ['grey', 'red'];

interface PlannedOrder {
  n: number;
  createdAt: number;
  fate: Fate;
}

interface Step {
  at: number;
  run: () => Promise<void>;
}

/** Plays the month: every step runs at its own time, in time order, as the member of staff who does it. */
class OrderStory {
  private readonly random: Random = seededRandom(20261123);
  private readonly steps: Step[] = [];
  private recentHolds = 0;
  private reachedWarehouseThisWeek = 0;

  private readonly staff: Staff;
  private readonly actors: Record<DemoUsername, Actor>;
  private readonly warehouseStaff: Map<number, DemoUsername>;

  constructor(
    cast: { staff: Staff; actors: Record<DemoUsername, Actor>; warehouseStaff: Map<number, DemoUsername> },
    private readonly deps: Deps,
    private readonly clock: FakeClock,
    private readonly now: Date,
    private readonly count: number,
  ) {
    this.staff = cast.staff;
    this.actors = cast.actors;
    this.warehouseStaff = cast.warehouseStaff;
  }

  async play(): Promise<void> {
    for (const order of this.plan()) this.at(order.createdAt, () => this.create(order));
    while (this.steps.length > 0) {
      this.steps.sort((a, b) => a.at - b.at);
      const step = this.steps.shift()!;
      this.clock.set(new Date(step.at));
      await step.run();
    }
  }

  /** Steps that would happen after "now" have not happened yet: they are left out. */
  private at(when: number, run: () => Promise<void>): void {
    if (when < this.now.getTime()) this.steps.push({ at: when, run });
  }

  /** Most orders spread over the month, 10 % in the two days before yesterday, 15 % in the last 20 hours. */
  private plan(): PlannedOrder[] {
    const end = this.now.getTime() - 10 * MINUTE;
    const recent = Math.max(RECENT_FATES.length, Math.round(this.count * 0.15));
    const lastDays = Math.round(this.count * 0.1);
    const older = this.count - recent - lastDays;
    const spread = (from: number, to: number, k: number, of: number) => from + ((to - from) * (k + this.random() * 0.8)) / of;
    return Array.from({ length: this.count }, (_, n) => {
      if (n < older) return { n, createdAt: spread(end - 30 * DAY, end - 3 * DAY, n, older), fate: OLDER_FATES[n % OLDER_FATES.length]! };
      if (n < older + lastDays) return { n, createdAt: spread(end - 3 * DAY, end - 21 * HOUR, n - older, lastDays), fate: OLDER_FATES[n % OLDER_FATES.length]! };
      const k = n - older - lastDays;
      return { n, createdAt: spread(end - 20 * HOUR, end, k, recent), fate: RECENT_FATES[k % RECENT_FATES.length]! };
    });
  }

  private orderBody(order: PlannedOrder) {
    const shop = DEMO_SHOPS[order.n % DEMO_SHOPS.length]!;
    // A company buying nine down jackets as gifts: over the amount threshold, so review holds it.
    const items = order.fate === 'bulk' ? [{ skuCode: BULK_SKU.code, quantity: 9, unitPrice: BULK_SKU.price }] : basket(this.random);
    const itemsTotal = itemsTotalOf(items);
    const where = address(this.random);
    if (order.fate === 'sensitive_address') where.detail = `人民路派出所对面${where.detail}`;
    return {
      shopCode: shop.code,
      platformOrderId: platformOrderId(shop.platform, order.n),
      // Repeat buyers: a pool smaller than the order count.
      buyer: buyer(Math.floor(this.random() * this.count * 0.7)),
      buyerIp: `183.${between(this.random, 1, 254)}.${between(this.random, 1, 254)}.${between(this.random, 1, 254)}`,
      address: where,
      items,
      shippingFee: shippingFeeFor(itemsTotal, where.province),
      discount: shop.platform === 'douyin' && itemsTotal >= 19900 ? 2000 : 0,
      ...(order.fate === 'paid_with_message' && { buyerMessage: pick(this.random, BUYER_MESSAGES) }),
      paymentMethod: order.fate === 'cod' ? 'cod' : pick(this.random, ['alipay', 'alipay', 'wechat', 'card']),
    };
  }

  private async create(order: PlannedOrder): Promise<void> {
    const body = this.orderBody(order);
    const arrivesPaid = ['paid', 'paid_with_message', 'bulk', 'sensitive_address', 'green_flag'].includes(order.fate);
    const total = itemsTotalOf(body.items) + body.shippingFee - body.discount;
    const payment = { amount: total, method: body.paymentMethod, transactionNo: `2026${String(order.n).padStart(8, '0')}${between(this.random, 1000, 9999)}` };
    const created = await this.staff.xiaoyu<OrderReply>('POST', '/api/v1/orders', arrivesPaid ? { ...body, payment } : body);
    const id = created.id;
    const t = order.createdAt;
    switch (order.fate) {
      case 'pay_later':
        return this.at(t + between(this.random, 3, 50) * MINUTE, async () => this.afterReview(id, await this.staff.zhaokuaiji<OrderReply>('POST', `/api/v1/orders/${id}/payments`, payment)));
      case 'unpaid':
        return this.at(t + DAY, async () => void (await this.staff.xiaocai('POST', `/api/v1/orders/${id}/close`, { reason: '超时未付款，系统提醒两次后关闭' })));
      case 'cancel_unpaid':
        return this.at(t + between(this.random, 10, 90) * MINUTE, async () => void (await this.staff.xiaoyu('POST', `/api/v1/orders/${id}/cancel`, { reason: '买家拍错规格，已让买家重新下单' })));
      case 'green_flag':
        return this.at(t + 25 * MINUTE, async () => {
          await this.staff.xiaocai('POST', `/api/v1/orders/${id}/remarks`, { content: REMARKS.find((r) => r.flag === 'green')!.content, flag: 'green' });
        });
      default:
        return this.afterReview(id, created);
    }
  }

  /** After review (automatic or by a person): held orders are worked, approved ones go to the warehouse. */
  private afterReview(id: number, order: { status: OrderStatus; warehouseId: number | null }): void {
    const since = this.clock.now().getTime();
    if (order.status === 'on_hold') return this.now.getTime() - since < 2 * DAY ? this.leaveOrRelease(id, since) : this.decideHeld(id, order.warehouseId, since);
    if (order.status === 'awaiting_fulfillment') this.whileAwaitingShipment(id, order.warehouseId, since);
  }

  /** Before picking: most orders just wait; a few get a remark, a hold while the address is checked, or are cancelled. */
  private whileAwaitingShipment(id: number, warehouseId: number | null, since: number): void {
    const roll = this.random();
    const later = since + between(this.random, 10, 90) * MINUTE;
    if (roll < 0.03) {
      this.at(later, async () => void (await this.staff.xiaoyu('POST', `/api/v1/orders/${id}/cancel`, { reason: '买家申请取消，已原路退款' })));
      return;
    }
    if (roll < 0.06) {
      this.at(later, async () => {
        await this.staff.xiaoyu('POST', `/api/v1/orders/${id}/remarks`, { content: '地址待客户确认，确认后再发', flag: 'yellow' });
        await this.staff.xiaoyu('POST', `/api/v1/orders/${id}/hold`, { reason: '收货地址待买家确认' });
        this.at(later + between(this.random, 2, 8) * HOUR, async () => {
          await this.staff.xiaoyu('POST', `/api/v1/orders/${id}/release`);
          this.fulfil(id, warehouseId, this.clock.now().getTime());
        });
      });
      return;
    }
    // Every 15th order to reach the warehouse this week (from the 2nd on) gets stuck, so even a small seed has one.
    if (this.now.getTime() - since < 7 * DAY && this.reachedWarehouseThisWeek++ % 15 === 1) return this.stuckInPicking(id, warehouseId, since);
    if (roll < 0.17) {
      const remark = pick(this.random, REMARKS.filter((r) => BEFORE_SHIPPING_FLAGS.includes(r.flag)));
      this.at(later, async () => void (await this.staff.xiaocai('POST', `/api/v1/orders/${id}/remarks`, { content: remark.content, flag: remark.flag })));
    }
    this.fulfil(id, warehouseId, since);
  }

  /** Picked, then the packer found a damaged item: the order waits in picking for a replacement. */
  private stuckInPicking(id: number, warehouseId: number | null, approvedAt: number): void {
    const packer = this.packerOf(warehouseId);
    const picking = nextWave(approvedAt) + between(this.random, 0, 50) * MINUTE;
    this.at(picking, async () => {
      await this.act(packer, (ctx) => advanceOrder(ctx, id, 'start_fulfillment'));
      await this.staff[packer]('POST', `/api/v1/orders/${id}/remarks`, { content: '拣货时发现外包装破损，等补货后再发', flag: 'red' });
    });
  }

  private packerOf(warehouseId: number | null): DemoUsername {
    return this.warehouseStaff.get(warehouseId ?? -1) ?? PACKERS.HZ01;
  }

  /**
   * Picking in the next wave, shipping the same day (which takes the stock out of the warehouse),
   * delivery a few days later, completion when the buyer confirms or the timer runs out. There are
   * no fulfillment routes yet, so this calls the services a fulfillment module would.
   */
  private fulfil(id: number, warehouseId: number | null, approvedAt: number): void {
    const packer = this.packerOf(warehouseId);
    const picking = nextWave(approvedAt) + between(this.random, 0, 50) * MINUTE;
    const shipping = picking + between(this.random, 1, 4) * HOUR;
    const delivery = shipping + between(this.random, 1, 4) * DAY;
    const completion = delivery + between(this.random, 3, 10) * DAY;
    this.at(picking, () => this.act(packer, (ctx) => advanceOrder(ctx, id, 'start_fulfillment')));
    this.at(shipping, () => this.act(packer, (ctx) => advanceOrder(ctx, id, 'ship')));
    this.at(delivery, () => this.act(null, (ctx) => advanceOrder(ctx, id, 'deliver')));
    this.at(completion, () => this.act(null, (ctx) => advanceOrder(ctx, id, 'complete')));
  }

  /** One transaction as a demo user (or the system: carrier tracking, buyer confirmation timers). */
  private async act(username: DemoUsername | null, fn: (ctx: Ctx) => Promise<unknown>): Promise<void> {
    await inTransaction(this.deps, username ? this.actors[username] : systemActor, null, fn);
  }

  /** Recent holds: some still wait (a few past the 2 h SLA), some went back to the review queue. */
  private leaveOrRelease(id: number, since: number): void {
    if (this.recentHolds++ % 3 !== 1) return;
    this.at(since + between(this.random, 20, 60) * MINUTE, async () => void (await this.staff.xiaocai('POST', `/api/v1/orders/${id}/release`)));
  }

  /** Older holds were answered within the SLA: most approved by the supervisor (then shipped), some rejected. */
  private decideHeld(id: number, warehouseId: number | null, since: number): void {
    const when = since + between(this.random, 20, 110) * MINUTE;
    if (this.random() < 0.8) {
      this.at(when, async () => {
        await this.staff.lizhuguan('POST', `/api/v1/orders/${id}/approve`);
        this.fulfil(id, warehouseId, when);
      });
    } else {
      this.at(when, async () => void (await this.staff.lizhuguan('POST', `/api/v1/orders/${id}/cancel`, { reason: '审核驳回：联系买家未果' })));
    }
  }
}

/** The warehouses print pick lists in two waves a day, 10:00 and 16:00 Beijing time (UTC+8, no daylight saving). */
const WAVE_HOURS_UTC = [2, 8];

function nextWave(after: number): number {
  for (let day = Math.floor(after / DAY) * DAY; ; day += DAY) {
    const wave = WAVE_HOURS_UTC.map((h) => day + h * HOUR).find((t) => t > after);
    if (wave !== undefined) return wave;
  }
}

/** Order ids as each platform writes them: Tmall 19 digits, JD 12, Douyin 19 starting 69. */
function platformOrderId(platform: string, n: number): string {
  if (platform === 'jd') return String(310_482_000_000 + n * 13);
  if (platform === 'douyin') return `6921${1_123_000_000_000_000 + n * 6271}`;
  return `3421${1_123_000_000_000_000 + n * 7919}`;
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
