import type { SQL } from 'drizzle-orm';
import { recordEvent } from '../../platform/audit';
import { can, type Ctx } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { maskDetail, maskName, maskPhone } from '../../platform/pii';
import type { BlacklistInput, Customer } from './model';
import * as repo from './repository';

export interface BuyerIdentity {
  shopId: number;
  nick: string | null;
  name: string;
  /** The phone as the order stores it: a mobile's digits, or a platform's privacy or masked number as given. */
  phone: string;
  /**
   * The normalised mainland mobile when the phone is one, else null: only a real mobile identifies
   * a buyer. Privacy numbers are pooled and masked ones look alike, so they are never indexed,
   * matched or copied over the customer's phone.
   */
  mobile: string | null;
  /** The full delivery address in plain text. */
  address: string;
  /** The address came masked: it names no one and never replaces the customer's. */
  addressMasked: boolean;
}

export interface CustomerMatch {
  /** CTEs for the caller's statement, ending in `customer (id)`: see repository.matchOrInsertSql. */
  sql: SQL;
  /** The buyer's name and phone as the customer stores them, for the caller's own row to store alike. */
  nameEnc: string;
  phoneEnc: string;
  /** Null unless the phone is a mainland mobile. */
  phoneIndex: string | null;
}

/** Revealing personal data needs customers.pii.reveal; the caller audits each reveal. */
export function assertMayRevealPii(ctx: Ctx): void {
  if (!can(ctx.actor, 'customers.pii.reveal')) throw forbidden('customers.pii.reveal');
}

/**
 * Call before customerMatchSql's statement in the same transaction when the buyer has no nick:
 * concurrent first orders of such a buyer then make one customer, not one each.
 */
export async function serializePhoneMatch(ctx: Ctx, buyer: Pick<BuyerIdentity, 'shopId' | 'nick'>, match: CustomerMatch): Promise<void> {
  // Without a nick or a mobile there is nothing to match by: the buyer gets a customer of their own.
  if (buyer.nick === null && match.phoneIndex !== null) await repo.lockPhoneMatch(ctx, buyer.shopId, match.phoneIndex);
}

/**
 * The shop's customer for this buyer, as part of the caller's statement (order intake writes the
 * customer, the order and its reservation in one round trip): matched by nick, else by phone
 * (blind index), else created, and audited either way. A match takes the latest name, and the
 * latest phone and address unless those say nothing about the buyer (a privacy or masked number, a
 * masked address); a phone match without a nick learns the nick. Nothing is written unless `onlyIf` holds.
 */
export function customerMatchSql(ctx: Ctx, buyer: BuyerIdentity, onlyIf: SQL): CustomerMatch {
  const fields = {
    nameEnc: ctx.pii.encrypt(buyer.name),
    phoneEnc: ctx.pii.encrypt(buyer.phone),
    phoneIndex: buyer.mobile === null ? null : ctx.pii.blindIndex(buyer.mobile),
    addressEnc: ctx.pii.encrypt(buyer.address),
  };
  const { nameEnc, phoneEnc, phoneIndex } = fields;
  const replaces = { phone: phoneIndex !== null, address: !buyer.addressMasked };
  return { sql: repo.matchOrInsertSql(ctx, { shopId: buyer.shopId, nick: buyer.nick, ...fields }, replaces, onlyIf), nameEnc, phoneEnc, phoneIndex };
}

function toCustomer(ctx: Ctx, row: repo.CustomerRow, reveal: boolean): Customer {
  const open = (stored: string | null, mask: (plain: string) => string) => {
    if (stored === null) return null;
    const plain = ctx.pii.decrypt(stored);
    return reveal ? plain : mask(plain);
  };
  return {
    id: row.id,
    shopId: row.shopId,
    nick: row.nick,
    name: open(row.nameEnc, maskName),
    phone: open(row.phoneEnc, maskPhone),
    address: open(row.addressEnc, maskDetail),
    piiRevealed: reveal,
    blacklisted: row.blacklisted,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function requireCustomer(ctx: Ctx, id: number): Promise<repo.CustomerRow> {
  const row = await repo.findById(ctx, id);
  if (!row) throw notFound('customer', id, '客户');
  return row;
}

export async function getCustomer(ctx: Ctx, id: number): Promise<Customer> {
  return toCustomer(ctx, await requireCustomer(ctx, id), false);
}

/** The customer with personal data in clear; the reveal is audited in the caller's transaction. */
export async function revealCustomer(ctx: Ctx, id: number): Promise<Customer> {
  assertMayRevealPii(ctx);
  const customer = toCustomer(ctx, await requireCustomer(ctx, id), true);
  await recordEvent(ctx, { action: 'customer.pii.reveal', entityType: 'customer', entityId: id, after: { fields: ['name', 'phone', 'address'] } });
  return customer;
}

/**
 * A buyer is blacklisted when their customer record is, or when any customer of the shop with the
 * same phone is: a new nick must not wash a blacklisted phone clean.
 */
export function isBlacklisted(ctx: Ctx, buyer: { shopId: number; customerId: number | null; phoneIndex: string | null }): Promise<boolean> {
  return repo.anyBlacklisted(ctx, buyer.shopId, buyer.customerId, buyer.phoneIndex);
}

export async function setBlacklisted(ctx: Ctx, id: number, input: BlacklistInput): Promise<Customer> {
  const before = await requireCustomer(ctx, id);
  const row = await repo.updateCustomer(ctx, id, { blacklisted: input.blacklisted, updatedAt: ctx.clock.now() });
  await recordEvent(ctx, {
    action: input.blacklisted ? 'customer.blacklist' : 'customer.unblacklist',
    entityType: 'customer',
    entityId: id,
    before: { blacklisted: before.blacklisted },
    after: { blacklisted: row.blacklisted, reason: input.reason },
  });
  return toCustomer(ctx, row, false);
}
