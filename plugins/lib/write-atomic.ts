/**
 * Replacing a file so that no reader ever sees half of it: the text goes to a new temporary file next to the target
 * (same file system), which then takes the target's name in one rename. Used by every command that rewrites a file
 * people or other processes read (incident records, --fix/adopt/rename edits, suppressions, the lint cache).
 */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, stat, unlink } from 'node:fs/promises';

export interface AtomicWriteOptions {
  /** Flush the data to disk before the rename (records that must survive a power cut). */
  durable?: boolean;
  /** Mode of a new file; an existing file keeps its own mode. */
  mode?: number;
}

const tempName = (file: string) => `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;

export function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): void {
  // A unique name per call: two writers in one process (or a stale temp file from a crash) never share one.
  const tmp = tempName(file);
  const fd = openSync(tmp, 'wx', options.mode ?? 0o644);
  try {
    try {
      writeSync(fd, text);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      chmodSync(tmp, statSync(file).mode);
    } catch {
      // a new file: the mode given above
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never created
    }
    throw e;
  }
}

/**
 * The same replacement without blocking the event loop: the write and the fsync run on libuv's thread pool. For a
 * server (the responder), where a synchronous fsync of a record would hold up every webhook answered meanwhile.
 */
export async function writeFileAtomicAsync(file: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const tmp = tempName(file);
  const fh = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await fh.writeFile(text);
      if (options.durable) await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await chmod(tmp, (await stat(file)).mode);
    } catch {
      // a new file: the mode given above
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
