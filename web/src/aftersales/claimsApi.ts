import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type ClaimListQuery = NonNullable<paths['/api/v1/aftersales/claims']['get']['parameters']['query']>;
export type Claim = Awaited<ReturnType<typeof fetchClaim>>;
export type ClaimSummary = Awaited<ReturnType<typeof fetchClaims>>['items'][number];
export type ClaimKind = ClaimSummary['kind'];
export type ClaimStatus = ClaimSummary['status'];
export type Carrier = ClaimSummary['carrier'];
type Body<P extends keyof paths> = paths[P] extends { post: { requestBody?: { content: { 'application/json': infer B } } } } ? B : never;
export type OpenClaimInput = Body<'/api/v1/aftersales/cases/{id}/claim'>;
export type SubmitClaimInput = Body<'/api/v1/aftersales/claims/{id}/submit'>;
export type SettleClaimInput = Body<'/api/v1/aftersales/claims/{id}/settle'>;

const onClaim = (id: number) => ({ params: { path: { id } } });
export const fetchClaims = (query: ClaimListQuery) => unwrap(api.GET('/api/v1/aftersales/claims', { params: { query } }));
export const fetchClaim = (id: number) => unwrap(api.GET('/api/v1/aftersales/claims/{id}', onClaim(id)));
export const openClaim = (caseId: number, body: OpenClaimInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/claim', { ...onClaim(caseId), body }));
export const submitClaim = (id: number, body: SubmitClaimInput) => unwrap(api.POST('/api/v1/aftersales/claims/{id}/submit', { ...onClaim(id), body }));
export const settleClaim = (id: number, body: SettleClaimInput) => unwrap(api.POST('/api/v1/aftersales/claims/{id}/settle', { ...onClaim(id), body }));
export const rejectClaim = (id: number, note: string) => unwrap(api.POST('/api/v1/aftersales/claims/{id}/reject', { ...onClaim(id), body: { note } }));

/** What a claim's move changes: the queue, the claim, and the case that shows it. */
export const claimRefreshed = (claim: { id: number; caseId: number }) => [['carrierClaims'], ['carrierClaim', claim.id], ['aftersalesCase', claim.caseId]];
