// `npm run test:pg` runs the API suite against server PostgreSQL; it needs to be told where.
if (!process.env.TEST_DATABASE_URL) {
  console.error('TEST_DATABASE_URL is not set, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:pg');
  process.exit(2);
}
