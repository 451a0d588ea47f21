import { can, type Ctx } from '../../platform/context';
import { searchedKinds, searchTermsOf, type SearchKind, type SearchTerms } from './searchTerms';

/**
 * The search box across modules: what orders knows (searchTerms.ts) and what modules above it
 * register (fulfillment turns a tracking number into its parcels' orders), as guards and followers
 * of order moves are registered.
 */

/** Order ids the text names as `kind`, or null when the text cannot be one (nothing was searched). */
export interface OrderSearch {
  kind: SearchKind;
  find(ctx: Ctx, text: string): Promise<number[] | null>;
}

const searches = new Map<SearchKind, OrderSearch>();

/** Registers a lookup the search box also runs; registering a kind again replaces it (one per app). */
export function registerOrderSearch(search: OrderSearch): void {
  searches.set(search.kind, search);
}

export interface ResolvedSearch {
  terms: SearchTerms;
  /** Orders the registered searches found. */
  orderIds: number[];
  searchedAs: SearchKind[];
}

export async function resolveSearch(ctx: Ctx, text: string): Promise<ResolvedSearch> {
  const terms = searchTermsOf(ctx.pii, text, can(ctx.actor, 'customers.read'));
  const searchedAs = searchedKinds(terms);
  const orderIds: number[] = [];
  for (const search of searches.values()) {
    const found = await search.find(ctx, terms.text);
    if (found === null) continue;
    searchedAs.push(search.kind);
    orderIds.push(...found);
  }
  return { terms, orderIds, searchedAs };
}
