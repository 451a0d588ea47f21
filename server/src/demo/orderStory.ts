import { advanceOrder, type OrderStatus } from '../modules/orders';
import { DAY, HOUR, MINUTE, type FakeClock } from '../platform/clock';
import { inTransaction, systemActor, type Actor, type Ctx, type Deps } from '../platform/context';
import { PACKERS } from './catalog';
import { address, basket, between, BUYER_MESSAGES, buyer, CATALOG_SKUS, DEMO_SHOPS, itemsTotalOf, pick, REMARKS, seededRandom, shippingFeeFor, type Random } from './fixtures';
import type { DemoUsername, Staff } from './staff';

/** The part of an order reply the seeder follows up on. */
type OrderReply = { id: number; status: OrderStatus; warehouseId: number | null };

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
export class OrderStory {
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
