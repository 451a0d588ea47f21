import { MINUTE, SECOND } from '../clock';

/**
 * Sign-in throttling (docs/security.md), pure: how long a sign-in attempt must wait, from the
 * failures counted in the last 15 minutes. Three keys, each with free failures and then a wait
 * after its last failure that doubles with every further one, up to 15 minutes:
 * - this account from this address: a colleague who mistypes, or one address guessing one account;
 * - this address, whatever the account: one address guessing many accounts;
 * - this account from any address, but only for addresses that failed on it too: guesses spread
 *   over many addresses, while a colleague at an address that did not fail still signs in.
 * Unknown usernames are counted exactly like real ones, so the answers say nothing about which exist.
 */
export const THROTTLE_WINDOW_MS = 15 * MINUTE;
const MAX_WAIT_MS = 15 * MINUTE;

export interface ThrottlePolicy {
  /** Failures allowed before the next attempt must wait. */
  free: number;
  /** The wait after the first failure past `free`; each further failure doubles it. */
  firstWaitMs: number;
}

export const THROTTLE_POLICIES = {
  accountAddress: { free: 5, firstWaitMs: 30 * SECOND },
  address: { free: 20, firstWaitMs: 5 * SECOND },
  account: { free: 10, firstWaitMs: 30 * SECOND },
} satisfies Record<string, ThrottlePolicy>;
export type ThrottleKey = keyof typeof THROTTLE_POLICIES;

/** Failures of one key within the window, and when the last one was. */
export interface FailureCount {
  count: number;
  lastAt: Date | null;
}
export type ThrottleFacts = Record<ThrottleKey, FailureCount>;

/** How long after its last failure a key with `failures` must wait (0: no wait). */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstWaitMs * 2 ** Math.min(failures - policy.free, 20), MAX_WAIT_MS);
}

/** When the key may try again, or null when it need not wait. */
function retryAtOf(key: ThrottleKey, failures: FailureCount, now: Date): Date | null {
  const wait = waitAfter(failures.count, THROTTLE_POLICIES[key]);
  if (wait === 0 || !failures.lastAt) return null;
  const at = new Date(failures.lastAt.getTime() + wait);
  return at > now ? at : null;
}

/** The latest time any key says this attempt must wait until, or null when it may go on now. */
export function throttledUntil(facts: ThrottleFacts, now: Date): Date | null {
  const waits = [retryAtOf('accountAddress', facts.accountAddress, now), retryAtOf('address', facts.address, now)];
  // The account-wide wait applies only to an address that failed on this account itself.
  if (facts.accountAddress.count > 0) waits.push(retryAtOf('account', facts.account, now));
  const latest = waits.filter((w): w is Date => w !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  return latest ?? null;
}

/** The keys whose waiting starts with this failure (the count just reached the free limit): each is audited once. */
export function keysStartingToWait(facts: ThrottleFacts): ThrottleKey[] {
  return (Object.keys(THROTTLE_POLICIES) as ThrottleKey[]).filter((key) => facts[key].count === THROTTLE_POLICIES[key].free);
}
