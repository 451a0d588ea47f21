// Catalog's public surface: shops, products and SKUs as other modules may use them, and its routes.
export { applyAutoListing, findShopAndSkus, findSkusByCodes, getProduct, getShop, getShopByCode, type WarehouseLookup } from './service';
export { CARRIERS, carrierSchema, RETURN_POLICY_LABELS, type Carrier, type ListingStatus, type ReturnPolicy, type Shop, type SkuRef } from './model';
export { catalogRoutes } from './routes';
