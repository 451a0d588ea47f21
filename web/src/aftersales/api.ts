import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type Body<P extends keyof paths> = paths[P] extends { post: { requestBody?: { content: { 'application/json': infer B } } } } ? B : never;

export type CaseListQuery = NonNullable<paths['/api/v1/aftersales/cases']['get']['parameters']['query']>;
export type CaseSummary = Awaited<ReturnType<typeof fetchCases>>['items'][number];
export type Case = Awaited<ReturnType<typeof fetchCase>>;
export type CaseType = CaseSummary['type'];
export type CaseStatus = CaseSummary['status'];
export type Proposal = NonNullable<CaseSummary['proposal']>;
export type Solution = Proposal['solution'];
export type Severity = NonNullable<CaseSummary['severity']>;
export type CaseProgress = NonNullable<CaseListQuery['progress']>;
export type OrderRefunds = Awaited<ReturnType<typeof fetchOrderRefunds>>;
export type CreateCaseInput = Body<'/api/v1/aftersales/cases'>;
export type ProposeInput = Body<'/api/v1/aftersales/cases/{id}/propose'>;
export type RefundInput = Body<'/api/v1/aftersales/cases/{id}/refund'>;
export type Evidence = Case['evidence'][number];
export type StoredFile = Awaited<ReturnType<typeof uploadFile>>;
export type EscalateInput = Body<'/api/v1/aftersales/cases/{id}/escalate'>;
export type CloseInput = Body<'/api/v1/aftersales/cases/{id}/close'>;
export type ComplaintCategory = NonNullable<CreateCaseInput['complaintCategory']>;
export const COMPLAINT_CATEGORIES: ComplaintCategory[] = ['shipping_delay', 'logistics', 'quality', 'not_as_described', 'service', 'price', 'other'];
export type ReshipInput = Body<'/api/v1/aftersales/cases/{id}/reship'>;

export const CASE_TYPES: CaseType[] = ['return_refund', 'exchange', 'refund_only', 'missing_item', 'wrong_item', 'damaged', 'quality', 'complaint'];
export const SOLUTIONS: Solution[] = ['refund', 'partial_refund', 'return', 'exchange', 'reship', 'explain', 'apology'];
/** The solutions that pay money back, and so carry an amount. */
export const MONEY_SOLUTIONS: Solution[] = ['refund', 'partial_refund'];
/** The types a 七天无理由 request applies to. */
export const NO_REASON_TYPES: CaseType[] = ['return_refund', 'exchange'];

export const fetchCases = (query: CaseListQuery) => unwrap(api.GET('/api/v1/aftersales/cases', { params: { query } }));
const onCase = (id: number) => ({ params: { path: { id } } });
export const fetchCase = (id: number) => unwrap(api.GET('/api/v1/aftersales/cases/{id}', onCase(id)));
export const fetchOrderRefunds = (orderId: number) => unwrap(api.GET('/api/v1/orders/{id}/refunds', { params: { path: { id: orderId } } }));

export const openCase = (body: CreateCaseInput) => unwrap(api.POST('/api/v1/aftersales/cases', { body }));
export const proposeSolution = (id: number, body: ProposeInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/propose', { ...onCase(id), body }));
export const refundCase = (id: number, body: RefundInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/refund', { ...onCase(id), body }));
export const reshipCase = (id: number, body: ReshipInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/reship', { ...onCase(id), body }));
export const escalateCase = (id: number, body: EscalateInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/escalate', { ...onCase(id), body }));
export const approveRefund = (id: number, amount: number) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/approve', { ...onCase(id), body: { amount } }));
export const rejectRefund = (id: number, note: string) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/reject', { ...onCase(id), body: { note } }));
export const closeCase = (id: number, body: CloseInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/close', { ...onCase(id), body }));

/** The file types the server keeps as evidence (it checks the content, not the name). */
export const EVIDENCE_FILE_TYPES = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';

/** Uploads one evidence file (multipart, field `file`); answers its id, name, type and size. */
export function uploadFile(file: Blob & { name?: string }) {
  const form = new FormData();
  form.append('file', file, file.name);
  // the generated types know no multipart body; openapi-fetch sends FormData as it is, with its boundary
  return unwrap(api.POST('/api/v1/files', { body: form as never }));
}
/** An evidence file's content, fetched with the session's token (an <img> could not send it). */
export const fetchFile = (id: number) => unwrap(api.GET('/api/v1/files/{id}', { params: { path: { id } }, parseAs: 'blob' }));

export type ReceiveInput = Body<'/api/v1/aftersales/cases/{id}/receive'>;
export const receiveReturn = (id: number, body: ReceiveInput) => unwrap(api.POST('/api/v1/aftersales/cases/{id}/receive', { ...onCase(id), body }));
