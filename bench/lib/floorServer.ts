/**
 * The HTTP floor: the least an HTTP API taking these orders could do. `node:http` (no framework),
 * JSON in and out, the token looked up as the API does, then the raw limit's statements (BEGIN,
 * read, write, COMMIT) on a pool of 10. No validation, no ORM. Started by `startFloorServer`.
 * Env: DATABASE_URL, PORT, HOST.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { rawWriter } from './rawIntake';

const writer = rawWriter(process.env.DATABASE_URL!);

function reply(res: http.ServerResponse, status: number, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }).end(payload);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return reply(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/api/v1/orders') return reply(res, 404, { error: { code: 'not_found' } });
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return reply(res, 401, { error: { code: 'unauthorized' } });
    const tokenHash = createHash('sha256').update(token).digest('hex');
    writer
      .write(JSON.parse(Buffer.concat(chunks).toString('utf8')), tokenHash)
      .then((attempt) => reply(res, attempt.status, attempt.body))
      .catch((err: Error) => reply(res, 500, { error: { code: 'internal_error', message: err.message } }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void writer.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
