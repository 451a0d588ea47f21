// Every module's tables, gathered for the Drizzle client and drizzle-kit.
export * from '../platform/schema';
export * from '../modules/catalog/schema';
export * from '../modules/inventory/schema';
export * from '../modules/customers/schema';
export * from '../modules/orders/schema';
export * from '../modules/fulfillment/schema';
export * from '../modules/logistics/schema';
export * from '../modules/aftersales/schema';
