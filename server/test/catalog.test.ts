import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSkusByCodes, getShop, getShopByCode } from '../src/modules/catalog/index';
import { expectStatus, makeProduct, makeShop, makeWarehouse, uniqueCode } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
let operations: Client;
let warehouseStaff: Client;
let cs: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  operations = await t.signIn(['operations']);
  warehouseStaff = await t.signIn(['warehouse']);
  cs = await t.signIn(['cs_presale']);
});
afterAll(() => t.close());

async function auditActions(entityType: string, entityId: number) {
  const { rows } = await t.deps.database.query('SELECT action FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id', [entityType, String(entityId)]);
  return rows.map((r) => r.action);
}

const errorPaths = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path);

describe('shops', () => {
  it('are created with a platform and a default warehouse chosen by code', async () => {
    const warehouse = await makeWarehouse(admin);
    const code = uniqueCode('tmall-');
    const res = await admin.post('/api/v1/shops', { code, name: '拾光天猫旗舰店', platform: 'tmall', defaultWarehouseCode: warehouse.code });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code, name: '拾光天猫旗舰店', platform: 'tmall', defaultWarehouseId: warehouse.id, defaultCarrier: 'ZTO', timezone: 'Asia/Shanghai', active: true });
    expect(await auditActions('shop', res.body.id)).toEqual(['shop.create']);
    expect(await getShopByCode(t.ctx(), code)).toMatchObject({ id: res.body.id, defaultWarehouseId: warehouse.id });
    expect(await getShopByCode(t.ctx(), 'no-such-shop')).toBeNull();
  });

  it('refuse a duplicate code, an unknown platform, timezone or warehouse, naming the field', async () => {
    const shop = await makeShop(admin);
    const duplicate = await admin.post('/api/v1/shops', { code: shop.code, name: '另一个', platform: 'jd' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'shop_code_taken', details: [{ path: 'code', message: shop.code }] });

    const badPlatform = await admin.post('/api/v1/shops', { code: uniqueCode('S'), name: 'x', platform: 'amazon' });
    expect(badPlatform.status).toBe(400);
    expect(errorPaths(badPlatform)).toEqual(['platform']);

    const badCarrier = await admin.post('/api/v1/shops', { code: uniqueCode('S'), name: 'x', platform: 'jd', defaultCarrier: 'UPS' });
    expect(badCarrier.status).toBe(400);
    expect(errorPaths(badCarrier)).toEqual(['defaultCarrier']);

    const badZone = await admin.post('/api/v1/shops', { code: uniqueCode('S'), name: 'x', platform: 'jd', timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(errorPaths(badZone)).toEqual(['timezone']);

    const unknownWarehouse = await admin.post('/api/v1/shops', { code: uniqueCode('S'), name: 'x', platform: 'jd', defaultWarehouseCode: 'NOWHERE' });
    expect(unknownWarehouse.status).toBe(422);
    expect(unknownWarehouse.body.error).toMatchObject({ code: 'unknown_warehouse', details: [{ path: 'defaultWarehouseCode', message: 'NOWHERE' }] });
  });

  it('are updated by admin only and the change is audited before → after', async () => {
    const shop = await makeShop(admin);
    const warehouse = await makeWarehouse(admin);
    expect((await operations.patch(`/api/v1/shops/${shop.id}`, { name: 'x' })).status).toBe(403);
    const res = await admin.patch(`/api/v1/shops/${shop.id}`, { name: '新店名', active: false, defaultWarehouseCode: warehouse.code });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新店名', active: false, defaultWarehouseId: warehouse.id });
    const cleared = expectStatus(await admin.patch(`/api/v1/shops/${shop.id}`, { defaultWarehouseCode: null }), 200);
    expect(cleared.defaultWarehouseId).toBeNull();
    expect(await auditActions('shop', shop.id)).toEqual(['shop.create', 'shop.update', 'shop.update']);
    expect(await getShop(t.ctx(), shop.id)).toMatchObject({ name: '新店名', active: false });
  });

  it('are listed with filters for everyone who works with orders', async () => {
    const jd = await makeShop(admin, { platform: 'jd', name: '京东筛选测试店' });
    const list = expectStatus(await cs.get(`/api/v1/shops?platform=jd&q=${encodeURIComponent('筛选测试')}`), 200);
    expect(list.items.map((s: { code: string }) => s.code)).toEqual([jd.code]);
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect((await cs.get(`/api/v1/shops/${jd.id}`)).status).toBe(200);
    expect((await cs.get('/api/v1/shops/999999')).status).toBe(404);
    expect((await cs.post('/api/v1/shops', { code: uniqueCode('S'), name: 'x', platform: 'jd' })).status).toBe(403);
  });
});

describe('products', () => {
  it('are created with their SKUs by operations, money in integer fen', async () => {
    const code = uniqueCode('TS01-');
    const res = await operations.post('/api/v1/products', {
      name: '女士纯棉圆领短袖T恤',
      category: '服装/T恤',
      priceBand: 'traffic',
      skus: [{ code, barcode: '6901234000017', spec: '白色 M', price: 5900, cost: 2100, weightGrams: 200, safetyStock: 20 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '女士纯棉圆领短袖T恤', priceBand: 'traffic', returnPolicy: 'standard' });
    expect(res.body.skus).toEqual([
      expect.objectContaining({ code, barcode: '6901234000017', price: 5900, cost: 2100, weightGrams: 200, safetyStock: 20, listingStatus: 'on_sale', listingPinned: false }),
    ]);
    expect(await auditActions('product', res.body.id)).toEqual(['product.create']);
    const refs = await findSkusByCodes(t.ctx(), [code, 'UNKNOWN']);
    expect([...refs.keys()]).toEqual([code]);
    expect(refs.get(code)).toEqual({
      id: res.body.skus[0].id,
      code,
      barcode: '6901234000017',
      productId: res.body.id,
      productName: '女士纯棉圆领短袖T恤',
      spec: '白色 M',
      price: 5900,
      cost: 2100,
      weightGrams: 200,
      listingStatus: 'on_sale',
      listingPinned: false,
    });
  });

  it('refuse fractional or negative money and a missing SKU list, naming the field', async () => {
    const base = { name: 'x', category: 'y', priceBand: 'profit' };
    const fractional = await admin.post('/api/v1/products', { ...base, skus: [{ code: uniqueCode('S'), price: 59.9 }] });
    expect(fractional.status).toBe(400);
    expect(errorPaths(fractional)).toEqual(['skus.0.price']);
    const negative = await admin.post('/api/v1/products', { ...base, skus: [{ code: uniqueCode('S'), price: 100, cost: -1 }] });
    expect(negative.status).toBe(400);
    expect(errorPaths(negative)).toEqual(['skus.0.cost']);
    const noSkus = await admin.post('/api/v1/products', { ...base, skus: [] });
    expect(noSkus.status).toBe(400);
    expect(errorPaths(noSkus)).toEqual(['skus']);
    const badBand = await admin.post('/api/v1/products', { ...base, priceBand: 'cheap', skus: [{ code: uniqueCode('S'), price: 1 }] });
    expect(errorPaths(badBand)).toEqual(['priceBand']);
    const badPolicy = await admin.post('/api/v1/products', { ...base, returnPolicy: 'never', skus: [{ code: uniqueCode('S'), price: 1 }] });
    expect(badPolicy.body.error.details).toEqual([{ path: 'returnPolicy', message: '七天无理由设置不对' }]);
  });

  it('refuse SKU codes and barcodes repeated in the request (422) or already taken (409)', async () => {
    const existing = await makeProduct(admin, [{ barcode: '6900000000011' }]);
    const takenCode = existing.skus[0].code;
    const fresh = uniqueCode('S');
    const repeated = await admin.post('/api/v1/products', {
      name: 'x',
      category: 'y',
      priceBand: 'profit',
      skus: [
        { code: fresh, price: 1 },
        { code: fresh, price: 1 },
      ],
    });
    expect(repeated.status).toBe(422);
    expect(repeated.body.error).toMatchObject({ code: 'duplicate_in_request', details: [{ path: 'skus.1.code', message: fresh }] });

    const taken = await admin.post('/api/v1/products', {
      name: 'x',
      category: 'y',
      priceBand: 'profit',
      skus: [
        { code: uniqueCode('S'), price: 1, barcode: '6900000000011' },
        { code: takenCode, price: 1 },
      ],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('sku_taken');
    expect(errorPaths(taken)).toEqual(['skus.0.barcode', 'skus.1.code']);
    expect((await admin.get(`/api/v1/products?q=${fresh}`)).body.total).toBe(0);
  });

  it('are managed by operations but not by the warehouse, and read by everyone', async () => {
    const product = await makeProduct(admin);
    expect((await warehouseStaff.post('/api/v1/products', { name: 'x', category: 'y', priceBand: 'profit', skus: [{ code: uniqueCode('S'), price: 1 }] })).status).toBe(403);
    expect((await warehouseStaff.patch(`/api/v1/products/${product.id}`, { name: 'x' })).status).toBe(403);
    expect((await warehouseStaff.get(`/api/v1/products/${product.id}`)).status).toBe(200);
    expect((await cs.get('/api/v1/products/999999')).status).toBe(404);
  });

  it('are listed with search by name, SKU code or barcode and filters', async () => {
    const marker = uniqueCode('筛选');
    const shirt = await makeProduct(admin, [{ barcode: '6911111111111' }], { name: `${marker} 衬衫`, category: '服装/衬衫', priceBand: 'image' });
    const mug = await makeProduct(admin, [{ listingStatus: 'delisted' }], { name: `${marker} 马克杯`, category: '家居/餐具', priceBand: 'traffic' });
    const names = async (query: string) => expectStatus(await cs.get(`/api/v1/products?${query}`), 200).items.map((p: { id: number }) => p.id);
    expect(await names(`q=${encodeURIComponent(marker)}`)).toEqual([shirt.id, mug.id]);
    expect(await names(`q=${shirt.skus[0].code}`)).toEqual([shirt.id]);
    expect(await names('q=6911111111111')).toEqual([shirt.id]);
    expect(await names(`q=${encodeURIComponent(marker)}&priceBand=traffic`)).toEqual([mug.id]);
    expect(await names(`q=${encodeURIComponent(marker)}&category=${encodeURIComponent('服装/衬衫')}`)).toEqual([shirt.id]);
    expect(await names(`q=${encodeURIComponent(marker)}&listingStatus=delisted`)).toEqual([mug.id]);
    const page = expectStatus(await cs.get(`/api/v1/products?q=${encodeURIComponent(marker)}&pageSize=1&page=2`), 200);
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items.map((p: { id: number }) => p.id)).toEqual([mug.id]);
  });

  it('are updated with an audited before → after, and show a timeline with their SKUs', async () => {
    const product = await makeProduct(admin);
    const updated = expectStatus(await operations.patch(`/api/v1/products/${product.id}`, { name: '改名后的商品', priceBand: 'image', returnPolicy: 'custom_made' }), 200);
    expect(updated).toMatchObject({ name: '改名后的商品', priceBand: 'image', returnPolicy: 'custom_made' });
    const sku = expectStatus(await operations.patch(`/api/v1/skus/${product.skus[0].id}`, { price: 12900, safetyStock: 5 }), 200);
    expect(sku).toMatchObject({ price: 12900, safetyStock: 5 });
    const events = expectStatus(await cs.get(`/api/v1/products/${product.id}/events`), 200);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual(['product.create', 'product.update', 'sku.update']);
    expect(events.items[1]).toMatchObject({ before: { name: '纯棉T恤', returnPolicy: 'standard' }, after: { name: '改名后的商品', returnPolicy: 'custom_made' } });
    expect(events.items[2]).toMatchObject({ before: { price: 9900 }, after: { price: 12900 }, actorId: operations.userId });
  });
});

describe('SKUs', () => {
  it('are added to a product, refusing a taken code', async () => {
    const product = await makeProduct(admin);
    const code = uniqueCode('S');
    const sku = expectStatus(await operations.post(`/api/v1/products/${product.id}/skus`, { code, spec: '黑色 L', price: 9900 }), 201);
    expect(sku).toMatchObject({ code, productId: product.id, spec: '黑色 L' });
    const again = await operations.post(`/api/v1/products/${product.id}/skus`, { code, price: 9900 });
    expect(again.status).toBe(409);
    expect(errorPaths(again)).toEqual(['code']);
    expect((await operations.post('/api/v1/products/999999/skus', { code: uniqueCode('S'), price: 1 })).status).toBe(404);
  });

  it('can be delisted and pinned by hand; a barcode stays unique', async () => {
    const product = await makeProduct(admin, [{ barcode: '6922222222222' }, {}]);
    const pinned = expectStatus(await operations.patch(`/api/v1/skus/${product.skus[1].id}`, { listingStatus: 'delisted', listingPinned: true }), 200);
    expect(pinned).toMatchObject({ listingStatus: 'delisted', listingPinned: true });
    const clash = await operations.patch(`/api/v1/skus/${product.skus[1].id}`, { barcode: '6922222222222' });
    expect(clash.status).toBe(409);
    expect(errorPaths(clash)).toEqual(['barcode']);
    expect((await operations.patch(`/api/v1/skus/${product.skus[0].id}`, { barcode: '6922222222222' })).status).toBe(200);
    expect((await operations.patch('/api/v1/skus/999999', { price: 1 })).status).toBe(404);
  });

  it('pins a listing set by hand unless told to let it follow stock', async () => {
    const product = await makeProduct(admin, [{}, {}]);
    const [byHand, following] = product.skus;
    expect(expectStatus(await operations.patch(`/api/v1/skus/${byHand.id}`, { listingStatus: 'delisted' }), 200)).toMatchObject({ listingStatus: 'delisted', listingPinned: true });
    const free = expectStatus(await operations.patch(`/api/v1/skus/${following.id}`, { listingStatus: 'delisted', listingPinned: false }), 200);
    expect(free).toMatchObject({ listingStatus: 'delisted', listingPinned: false });
    expect(expectStatus(await operations.patch(`/api/v1/skus/${byHand.id}`, { price: 100 }), 200).listingPinned).toBe(true);
  });
});
