/** The customers module's public surface. */
export { assertMayRevealPii, customerMatchSql, isBlacklisted, serializePhoneMatch, type BuyerIdentity, type CustomerMatch } from './service';
export type { Customer } from './model';
export { customerRoutes } from './routes';
