/**
 * An exclusive lock shared by every process that writes incident records (CLI, responder, drills).
 *
 * The lock is a file created with O_EXCL ("wx"): creating it succeeds for exactly one process. It holds the owner's
 * pid and the time it was taken. A lock whose owner is gone (no such pid on this machine) or that is older than
 * `staleMs` is recovered: it is renamed away (atomic, so only one waiter wins) and the waiters try again.
 * Inside one process, callers also queue on a promise chain, so they do not poll against each other.
 */
import { mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

export class LockTimeout extends Error {}

export interface LockOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned (default 60 s). */
  staleMs?: number;
}

const queues = new Map<string, Promise<unknown>>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryAcquire(file: string, staleMs: number): boolean {
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, `${process.pid} ${Date.now()}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Held by someone: recover it when the holder is gone or the lock is too old.
  let content = '';
  let mtime = Date.now();
  try {
    content = readFileSync(file, 'utf8');
    mtime = statSync(file).mtimeMs;
  } catch {
    return false; // released meanwhile: try again
  }
  const [pidText, takenText] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  const taken = Number(takenText) || mtime;
  const abandoned = (content !== '' && !alive(pid)) || Date.now() - Math.max(taken, mtime) > staleMs;
  if (abandoned) {
    const aside = `${file}.stale.${process.pid}.${Date.now()}`;
    try {
      renameSync(file, aside);
      unlinkSync(aside);
    } catch {
      /* another waiter recovered it first */
    }
  }
  return false;
}

function release(file: string): void {
  try {
    const content = readFileSync(file, 'utf8');
    if (Number(content.split(/\s+/)[0]) === process.pid) unlinkSync(file);
  } catch {
    /* already gone */
  }
}

/** Runs `fn` while holding the lock file `file` (created with its folder if needed). */
export async function withLock<T>(file: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((r) => (done = r));
  const chained = previous.then(() => mine);
  queues.set(key, chained);
  await previous;
  try {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const staleMs = opts.staleMs ?? 60_000;
    mkdirSync(path.dirname(key), { recursive: true });
    const started = Date.now();
    let wait = 2;
    while (!tryAcquire(key, staleMs)) {
      if (Date.now() - started > timeoutMs) throw new LockTimeout(`could not take the lock ${path.basename(key)} within ${timeoutMs} ms: another handbook process holds it`);
      await sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 50);
    }
    try {
      return await fn();
    } finally {
      release(key);
    }
  } finally {
    done();
    if (queues.get(key) === chained) queues.delete(key);
  }
}
