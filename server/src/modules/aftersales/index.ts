// After-sales' public surface: cases (售后单) and the refund ledger, through its routes.
export { aftersalesRoutes } from './routes';
