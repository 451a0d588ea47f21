// After-sales' public surface: cases (售后单) and the refund ledger, through its routes; the SLA sweep.
export { aftersalesJobs, escalateOverdueCases } from './handling';
export { aftersalesRoutes } from './routes';
