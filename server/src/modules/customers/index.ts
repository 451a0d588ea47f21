/** The customers module's public surface. */
export { assertMayRevealPii, isBlacklisted, matchOrCreateCustomer, type BuyerIdentity, type MatchedCustomer } from './service';
export type { Customer } from './model';
export { customerRoutes } from './routes';
