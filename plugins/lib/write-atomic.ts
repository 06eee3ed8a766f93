/**
 * Replacing a file so that no reader ever sees half of it: the text goes to a new temporary file next to the target
 * (same file system), which then takes the target's name in one rename. Used by every command that rewrites a file
 * people or other processes read (incident records, --fix/adopt/rename edits, suppressions, the lint cache).
 */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** Flush the data to disk before the rename (records that must survive a power cut). */
  durable?: boolean;
  /** Mode of a new file; an existing file keeps its own mode. */
  mode?: number;
}

export function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): void {
  // A unique name per call: two writers in one process (or a stale temp file from a crash) never share one.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
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
