/** Reports' public surface: read models across modules. */
export { reportRoutes } from './routes';
export { workbench } from './service';
