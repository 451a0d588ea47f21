// After-sales' public surface: cases (售后单) and the refund ledger, through its routes; the SLA sweep.
export { aftersalesJobs, escalateOverdueCases } from './handling';
export { aftersalesRoutes } from './routes';
export { CASE_STATUS_LABELS } from './caseStates';
export { CASE_TYPE_LABELS, CASE_TYPES, SOLUTION_LABELS, type CaseType, type Solution } from './model';
