import { buildApp, moduleJobs } from './app';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/client';
import { migrate } from './db/migrate';
import { seedDemoCommand } from './demo/seed';
import { checkCommand } from './modules/inventory';
import { ensureAdmin } from './platform/auth/service';
import { systemClock } from './platform/clock';
import { inTransaction, systemActor, type Deps } from './platform/context';
import type { MessageLog } from './platform/delivery/channels';
import { configuredChannels, outboxJobs } from './platform/delivery/jobs';
import { startJobs } from './platform/jobs';
import { loggableError } from './platform/logging';
import { createPii } from './platform/pii';

/** Opens the configured database, brings its schema up to date and makes sure `admin` exists. */
async function boot(config: Config): Promise<Deps> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const deps: Deps = { database, config, clock: systemClock, pii: createPii(config.secret) };
  const generated = await inTransaction(deps, systemActor, null, (ctx) => ensureAdmin(ctx, config.adminPassword));
  if (generated) {
    console.log(`\n  首次启动：已创建管理员账号 admin，初始密码（只显示这一次）：${generated}\n  First start: created user admin with password: ${generated}\n`);
  }
  return deps;
}

function logError(msg: string, err?: unknown) {
  console.error(msg, err === undefined ? '' : JSON.stringify(loggableError(err)));
}

/** The jobs of every module and the outbox's, delivering to the channels the configuration switches on. */
function jobsFor(deps: Deps, log: MessageLog) {
  return [...moduleJobs, ...outboxJobs(configuredChannels(deps.config.outbox, log, deps.clock))];
}

/** A worker has no HTTP app and its logger: the log channel writes JSON lines as pino would. */
const consoleLog: MessageLog = {
  info: (fields, msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })),
};

async function serve(config: Config, withWorker: boolean) {
  const deps = await boot(config);
  const app = await buildApp(deps);
  const jobs = withWorker ? await startJobs(deps, jobsFor(deps, app.log), (msg, err) => app.log.error({ err }, msg)) : null;
  const shutdown = async () => {
    await app.close();
    await jobs?.stop();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const where = deps.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  app.log.info(`ShopFlow on http://localhost:${config.port} using ${where}`);
}

async function worker(config: Config) {
  const deps = await boot(config);
  const all = jobsFor(deps, consoleLog);
  const jobs = await startJobs(deps, all, logError);
  const shutdown = async () => {
    await jobs.stop();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  console.log(`ShopFlow worker running ${all.length} job(s)`);
}

/** Prints the OpenAPI document, built from the route schemas against a throwaway in-memory database. */
async function openapi(config: Config) {
  const database = await openDatabase({});
  await migrate(database);
  const app = await buildApp({ database, config, clock: systemClock, pii: createPii(config.secret) }, { logger: false, serveWeb: false });
  process.stdout.write(JSON.stringify(app.swagger(), null, 2) + '\n');
  await app.close();
  await database.close();
}

const commands: Record<string, (config: Config) => Promise<void>> = {
  serve: (c) => serve(c, process.env.SHOPFLOW_NO_WORKER !== '1'),
  worker,
  migrate: async (c) => {
    const deps = await boot(c);
    await deps.database.close();
    console.log('migrations applied');
  },
  openapi,
  check: checkCommand,
  'seed-demo': async (c) => {
    const deps = await boot(c);
    await seedDemoCommand(deps, process.argv.slice(3)).finally(() => deps.database.close());
  },
};

const name = process.argv[2] ?? 'serve';
const run = commands[name];
if (!run) {
  console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
run(loadConfig()).catch((err) => {
  console.error(err);
  process.exit(1);
});
