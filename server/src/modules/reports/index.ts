/** Reports' public surface: read models across modules. */
export { aftersalesReportRoutes } from './aftersalesRoutes';
export { reportRoutes } from './routes';
export { workbench } from './service';
