import { inTransaction, systemActor } from '../context';
import type { JobDefinition } from '../jobs';
import { pruneLoginFailures } from './signIn';

export const authJobs: JobDefinition[] = [
  {
    name: 'auth-prune-login-failures',
    cron: '17 * * * *',
    handler: (deps) => inTransaction(deps, systemActor, null, pruneLoginFailures),
  },
];
