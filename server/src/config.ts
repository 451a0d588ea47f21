import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateFolder } from './platform/privateFolder';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  SHOPFLOW_DATA_DIR: z.string().optional(),
  SHOPFLOW_SECRET: z.string().optional(),
  SHOPFLOW_ADMIN_PASSWORD: z.string().optional(),
  SHOPFLOW_TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  SHOPFLOW_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHOPFLOW_TRUST_PROXY: z.string().optional(),
  SHOPFLOW_OPEN_ENDPOINTS: z.string().default('metrics,docs'),
  SHOPFLOW_LOG_CHANNEL_TOPICS: z.string().default('*'),
  SHOPFLOW_WEBHOOK_URL: z.string().optional(),
  SHOPFLOW_WEBHOOK_SECRET: z.string().optional(),
  SHOPFLOW_WEBHOOK_TOPICS: z.string().default('*'),
  SHOPFLOW_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SHOPFLOW_TRACKING_SECRET: z.string().optional(),
});

/** Endpoints that may be served without sign-in, for a private network (a scraper, integrators reading the API). */
export const OPEN_ENDPOINTS = ['metrics', 'docs'] as const;
export type OpenEndpoint = (typeof OPEN_ENDPOINTS)[number];

export interface Config {
  port: number;
  host: string;
  /** Server PostgreSQL when set; embedded PGlite in `dataDir` otherwise. */
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  adminPassword: string | undefined;
  tokenTtlHours: number;
  webDist: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Fastify's trustProxy: false, true, or the proxies' addresses (comma-separated); decides request.ip (sign-in throttling, logs). */
  trustProxy: boolean | string;
  /** Which of /metrics and /api/docs (with /api/openapi.json) are served at all. */
  openEndpoints: OpenEndpoint[];
  /** The outbox's delivery channels; a channel not configured is not registered. */
  outbox: { logTopics: TopicSelection | null; webhook: WebhookConfig | null };
  /** HMAC key of signed tracking webhooks (`POST /api/v1/tracking/events`); null: staff tokens only. */
  trackingSecret: string | null;
}

/** The outbox topics a delivery channel takes: every one (`*`), or those listed. */
export type TopicSelection = 'all' | string[];

export interface WebhookConfig {
  url: string;
  /** HMAC-SHA256 key the receiver checks each request's signature with. */
  secret: string;
  topics: TopicSelection;
  timeoutMs: number;
}

const TOPIC = /^[a-z][a-z0-9_.-]{0,63}$/;
const MIN_WEBHOOK_SECRET = 16;

/** `*`, or comma-separated topics; empty means none (the channel is off). */
function topicsOf(variable: string, raw: string): TopicSelection | null {
  const listed = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (listed.length === 0) return null;
  if (listed.includes('*')) return 'all';
  const invalid = listed.filter((topic) => !TOPIC.test(topic));
  if (invalid.length > 0) throw new Error(`Invalid environment: ${variable} lists ${invalid.join(', ')}; a topic is lower-case letters, digits, dots, dashes or underscores (or * for all)`);
  return listed;
}

/** The key carriers and aggregators sign tracking webhooks with; without it only staff may post tracking events. */
function trackingSecretOf(secret: string | undefined): string | null {
  if (!secret) return null;
  if (secret.length < MIN_WEBHOOK_SECRET) throw new Error(`Invalid environment: SHOPFLOW_TRACKING_SECRET must be at least ${MIN_WEBHOOK_SECRET} characters`);
  return secret;
}

function webhookOf(e: z.infer<typeof envSchema>): WebhookConfig | null {
  if (!e.SHOPFLOW_WEBHOOK_URL) return null;
  const url = URL.parse(e.SHOPFLOW_WEBHOOK_URL);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error('Invalid environment: SHOPFLOW_WEBHOOK_URL must be an http:// or https:// URL');
  const secret = e.SHOPFLOW_WEBHOOK_SECRET ?? '';
  if (secret.length < MIN_WEBHOOK_SECRET) throw new Error(`Invalid environment: SHOPFLOW_WEBHOOK_SECRET must be set, at least ${MIN_WEBHOOK_SECRET} characters, when SHOPFLOW_WEBHOOK_URL is`);
  const topics = topicsOf('SHOPFLOW_WEBHOOK_TOPICS', e.SHOPFLOW_WEBHOOK_TOPICS);
  return topics && { url: url.toString(), secret, topics, timeoutMs: e.SHOPFLOW_WEBHOOK_TIMEOUT_MS };
}

function trustProxyOf(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

function openEndpointsOf(raw: string): OpenEndpoint[] {
  const listed = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = listed.filter((e) => !(OPEN_ENDPOINTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw new Error(`Invalid environment: SHOPFLOW_OPEN_ENDPOINTS lists ${unknown.join(', ')}; allowed: ${OPEN_ENDPOINTS.join(', ')}`);
  return listed as OpenEndpoint[];
}

/** npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command. */
function invocationDir(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/** The embedded default keeps a generated secret beside the data so restarts can still decrypt. */
function secretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateFolder(dataDir);
  const secret = randomBytes(32).toString('base64');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(invocationDir(), e.SHOPFLOW_DATA_DIR || 'data');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ? e.DATABASE_URL : undefined,
    dataDir,
    secret: e.SHOPFLOW_SECRET || secretFromDataDir(dataDir),
    adminPassword: e.SHOPFLOW_ADMIN_PASSWORD || undefined,
    tokenTtlHours: e.SHOPFLOW_TOKEN_TTL_HOURS,
    webDist: e.SHOPFLOW_WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'),
    logLevel: e.LOG_LEVEL,
    trustProxy: trustProxyOf(e.SHOPFLOW_TRUST_PROXY),
    openEndpoints: openEndpointsOf(e.SHOPFLOW_OPEN_ENDPOINTS),
    outbox: { logTopics: topicsOf('SHOPFLOW_LOG_CHANNEL_TOPICS', e.SHOPFLOW_LOG_CHANNEL_TOPICS), webhook: webhookOf(e) },
    trackingSecret: trackingSecretOf(e.SHOPFLOW_TRACKING_SECRET),
  };
}
