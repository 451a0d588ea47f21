// After-sales' public surface: cases (售后单), the refund ledger and carrier claims (理赔), through its routes; the SLA sweep.
export { aftersalesJobs, escalateOverdueCases } from './handling';
export { aftersalesRoutes } from './routes';
export { claimRoutes } from './claimRoutes';
export { CASE_STATUS_LABELS } from './caseStates';
export { CASE_TYPE_LABELS, CASE_TYPES, COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, SOLUTION_LABELS, type CaseType, type ComplaintCategory, type Solution } from './model';
export { aftersalesCounters } from './queues';
