import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';

/**
 * Password hashing (argon2id, the library's defaults: 19 MiB, 2 passes, the OWASP minimum). It runs
 * on libuv's worker threads, never on the event loop; at most one fewer at a time than the
 * machine has cores, so a morning of sign-ins always leaves a core to the requests and the
 * embedded database, which share the main thread.
 */
const MAX_HASHING = Math.max(1, availableParallelism() - 1);
let hashing = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= MAX_HASHING) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

export const hashPassword = (plain: string) => limited(() => hash(plain, { algorithm: 2 /* argon2id */ }));

/** A hash of a random password, made once: unknown usernames are checked against it, so they take as long as real ones. */
let dummyHash: Promise<string> | undefined;

/** Checks `plain` against `stored`, or against the dummy hash when there is no account (always false then). */
export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  const against = stored ?? (await dummyHash);
  const matches = await limited(() => verify(against, plain));
  return stored !== null && matches;
}
