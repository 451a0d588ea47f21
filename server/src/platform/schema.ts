import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const authTokens = pgTable(
  'auth_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts not (yet) proven right, known usernames or not: what throttling counts. An
 * attempt is written before its password is checked and deleted when it was right, so
 * concurrent guesses are all counted. Kept a day (the prune job), and bounded like the login body.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    /** The client address the attempt came from (request.ip; see SHOPFLOW_TRUST_PROXY). */
    address: text('address').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('login_failures_user_at_idx').on(t.username, t.at),
    index('login_failures_address_at_idx').on(t.address, t.at),
    index('login_failures_at_idx').on(t.at),
    check('login_failures_bounded', sql`char_length(${t.username}) <= 100 AND char_length(${t.address}) <= 64`),
  ],
);

/** The audit trail (员工操作留痕): one row per business action, written in the action's transaction. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id)],
);

/** Stored replies of write requests sent with an Idempotency-Key header. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: integer('actor_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** Hash of the request body: the same key with another body is a client bug, not a replay. */
    requestHash: text('request_hash'),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
});

/** Per user, how they like a screen (a list's columns): declared by the module that owns the screen (platform/preferences.ts). */
export const userPreferences = pgTable(
  'user_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * Effects outside the database (customer notices, platform calls) leave from here after commit.
 * The dispatcher (platform/delivery) claims a due row by moving `next_attempt_at` past a lease;
 * `attempts` counts failed rounds, and a message that failed the most a shop allows is `dead_at`.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    /** Set once every channel that takes the topic has it. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deadAt: timestamp('dead_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`sent_at IS NULL AND dead_at IS NULL`),
    index('outbox_dead_idx').on(t.topic, t.id).where(sql`dead_at IS NOT NULL`),
  ],
);

/** A message's delivery to one channel: a channel that has it is never sent it again, whatever the others do. */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id),
    channel: text('channel').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** What went wrong the last time, as the channel put it (capped; never the URL or a secret). */
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.channel] }), check('outbox_deliveries_bounded', sql`char_length(${t.channel}) <= 32 AND char_length(${t.lastError}) <= 500`)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Files staff upload as evidence (a buyer's photos of a damaged parcel, a PDF), kept in the
 * database so PGlite and PostgreSQL hold them alike and a backup has them. The type is the one
 * the content shows, never the one the sender claimed.
 */
export const files = pgTable(
  'files',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** image/jpeg | image/png | image/gif | image/webp | application/pdf */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('files_size', sql`${t.size} > 0 AND ${t.size} = octet_length(${t.data})`)],
);
