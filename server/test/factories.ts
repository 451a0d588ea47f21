// Reusable test data, created through the HTTP API as a user would. Add your own; keep others'.
import type { Client } from './harness';

let sequence = 0;
/** A code no other test in this process has used: `${prefix}${n}`. */
export const uniqueCode = (prefix: string) => `${prefix}${++sequence}${process.pid % 1000}`;

/** A list cursor holding `value`, as the API encodes one (tests craft bad ones). */
export const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Returns the body, or throws with the reply so a failing set-up says why. */
export function expectStatus<T = any>(res: { status: number; body: any }, status: number): T {
  if (res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export async function makeWarehouse(admin: Client, fields: { code?: string; name?: string; bins?: (string | { code: string; walkOrder: number })[] } = {}) {
  const code = fields.code ?? uniqueCode('WH');
  return expectStatus(await admin.post('/api/v1/warehouses', { code, name: fields.name ?? `${code} 仓`, bins: fields.bins ?? [] }), 201);
}

export async function makeShop(admin: Client, fields: { code?: string; name?: string; platform?: string; defaultWarehouseCode?: string | null; defaultCarrier?: string } = {}) {
  const code = fields.code ?? uniqueCode('SHOP');
  return expectStatus(await admin.post('/api/v1/shops', { platform: 'tmall', name: `${code} 旗舰店`, ...fields, code }), 201);
}

export interface SkuFields {
  code?: string;
  barcode?: string | null;
  spec?: string;
  price?: number;
  cost?: number;
  weightGrams?: number;
  safetyStock?: number | null;
  listingPinned?: boolean;
  listingStatus?: 'on_sale' | 'delisted';
}

/** A product with one SKU per entry of `skus` (default: one SKU at ¥99.00). */
export async function makeProduct(admin: Client, skus: SkuFields[] = [{}], fields: { name?: string; category?: string; priceBand?: string; returnPolicy?: string } = {}) {
  return expectStatus(
    await admin.post('/api/v1/products', {
      name: fields.name ?? '纯棉T恤',
      category: fields.category ?? '服装',
      priceBand: fields.priceBand ?? 'profit',
      ...(fields.returnPolicy && { returnPolicy: fields.returnPolicy }),
      skus: skus.map((s) => ({ price: 9900, cost: 4000, weightGrams: 250, spec: '白色 M', ...s, code: s.code ?? uniqueCode('SKU') })),
    }),
    201,
  );
}

export async function receiveStock(client: Client, warehouseCode: string, lines: { skuCode: string; quantity: number; binCode?: string }[]) {
  return expectStatus(await client.post('/api/v1/inventory/receipts', { warehouseCode, lines }), 201);
}

/**
 * Two warehouses, a shop defaulting to the first, one product with `skuCount` SKUs and `stock`
 * units of each SKU in the first warehouse.
 */
export async function seedCatalog(admin: Client, opts: { skuCount?: number; stock?: number } = {}) {
  const main = await makeWarehouse(admin, { name: '华东主仓' });
  const backup = await makeWarehouse(admin, { name: '华南备用仓' });
  const shop = await makeShop(admin, { defaultWarehouseCode: main.code });
  const product = await makeProduct(admin, Array.from({ length: opts.skuCount ?? 2 }, () => ({})));
  const skus: { id: number; code: string; price: number }[] = product.skus;
  if ((opts.stock ?? 100) > 0) await receiveStock(admin, main.code, skus.map((s) => ({ skuCode: s.code, quantity: opts.stock ?? 100 })));
  return { shop, warehouses: [main, backup], product, skus };
}

let buyerSerial = 0;

/**
 * A valid order body for `shopCode` buying one of each SKU at its price: a new buyer (nick, phone,
 * street address) each call, so no risk rule fires unless `overrides` make it.
 */
export function orderInput(shopCode: string, skus: { code: string; price: number }[], overrides: Record<string, unknown> = {}) {
  const n = ++buyerSerial;
  return {
    shopCode,
    buyer: { nick: `buyer_${n}_${process.pid}`, name: '张三', phone: `139${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(5, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路 ${n} 号 ${process.pid} 室`, postalCode: '310000' },
    items: skus.map((s) => ({ skuCode: s.code, quantity: 1, unitPrice: s.price })),
    shippingFee: 800,
    discount: 0,
    paymentMethod: 'alipay',
    ...overrides,
  };
}

/** Creates an order through the API (201) and returns its detail. */
export async function makeOrder(client: Client, body: Record<string, unknown>) {
  return expectStatus(await client.post('/api/v1/orders', body), 201);
}

/**
 * Creates an order that arrives paid in full, as a platform order does (which runs the automatic
 * review); customer service may take it, though only finance records a payment by hand.
 */
export async function makePaidOrder(client: Client, body: Record<string, unknown>) {
  const items = body.items as { quantity: number; unitPrice: number }[];
  const total = items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) + Number(body.shippingFee ?? 0) - Number(body.discount ?? 0);
  return makeOrder(client, { payment: { amount: total, method: 'alipay' }, ...body });
}

/**
 * A parcel packed and closed, ready for the scale: a new warehouse and shop, an order of 2 × A (300 g)
 * + 1 × B (150 g) paid, waved and scanned in by the packer (expected weight 750 g + packaging).
 */
export async function makePackedParcel(clients: { admin: Client; cs: Client; packer: Client }, orderOverrides: Record<string, unknown> = {}) {
  const { admin, cs, packer } = clients;
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const [a, b] = (await makeProduct(admin, [{ weightGrams: 300 }, { weightGrams: 150 }])).skus as { id: number; code: string; price: number }[];
  const warehouseCode = catalog.warehouses[0].code as string;
  await receiveStock(admin, warehouseCode, [
    { skuCode: a!.code, quantity: 10 },
    { skuCode: b!.code, quantity: 10 },
  ]);
  const items = [
    { skuCode: a!.code, quantity: 2, unitPrice: a!.price },
    { skuCode: b!.code, quantity: 1, unitPrice: b!.price },
  ];
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, [a!, b!], { items, ...orderOverrides }));
  const wave = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
  const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
  for (const code of [a!.code, a!.code, b!.code]) expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: code }), 200);
  const parcel = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
  return { parcel, order, wave, shop: catalog.shop, warehouseCode, skus: [a!, b!] };
}

let trackingSerial = 0;

/**
 * An order taken through real fulfillment and on the road: a new shop and warehouse, one unit of
 * each of `skus` (default one SKU of 400 g) paid, waved, packed by scanning, weighed and shipped
 * by 中通 under a fresh tracking number.
 */
export async function makeShippedOrder(
  clients: { admin: Client; cs: Client; packer: Client },
  opts: { skus?: SkuFields[]; product?: Parameters<typeof makeProduct>[2]; order?: Record<string, unknown> } = {},
) {
  const { admin, cs, packer } = clients;
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const skus: { id: number; code: string; price: number }[] = (await makeProduct(admin, opts.skus ?? [{ weightGrams: 400 }], opts.product)).skus;
  const warehouseCode = catalog.warehouses[0].code as string;
  await receiveStock(admin, warehouseCode, skus.map((s) => ({ skuCode: s.code, quantity: 5 })));
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, skus, opts.order));
  const shipped = await shipThroughFulfillment(packer, { warehouseCode, orderNo: order.orderNo, barcodes: skus.map((s) => s.code) });
  return { order, ...shipped, skus, shop: catalog.shop, warehouseCode };
}

/**
 * An approved order of `warehouseCode` taken the warehouse's way: waved (一单一件 for one unit),
 * packed by scanning `barcodes` (one per unit), weighed at its expected weight, shipped by 中通.
 */
/** A 中通 tracking number no other parcel of this test process has (12 digits: 7, the process, a serial). */
export const ztoTrackingNo = () => `7${String(process.pid % 10000).padStart(4, '0')}${String(++trackingSerial).padStart(7, '0')}`;

export async function shipThroughFulfillment(packer: Client, { warehouseCode, orderNo, barcodes }: { warehouseCode: string; orderNo: string; barcodes: string[] }) {
  expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: barcodes.length === 1 ? 'single' : 'multi' }), 201);
  const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: orderNo }), 200);
  for (const barcode of barcodes) expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode }), 200);
  const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
  expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams }), 200);
  const trackingNo = ztoTrackingNo();
  expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/ship`, { carrier: 'ZTO', trackingNo }), 200);
  return { parcelId: packed.id as number, expectedGrams: packed.expectedGrams as number, trackingNo };
}

/** The carrier reports the parcel signed for at `time` (ISO). */
export async function deliverParcel(client: Client, trackingNo: string, time: string) {
  return expectStatus(await client.post('/api/v1/tracking/events', { carrier: 'ZTO', trackingNo, events: [{ time, status: 'delivered', description: '已签收，签收人：本人' }] }), 200);
}

/** A multipart/form-data body of one file part, as a browser's upload sends it. */
export function multipartFile(name: string, data: Buffer, contentType = 'application/octet-stream', field = 'file') {
  const boundary = `----shopflow${process.pid}${++trackingSerial}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A tiny real PNG (1 × 1 px), the kind of photo a buyer sends. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/tFzL+wAAAABJRU5ErkJggg==', 'base64');

export async function uploadFile(client: Client, name = '破损照片.png', data = PNG_1PX, contentType = 'image/png') {
  const { body, headers } = multipartFile(name, data, contentType);
  return client.request('POST', '/api/v1/files', body, headers);
}
