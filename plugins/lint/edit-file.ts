/**
 * Reading and rewriting documents for the commands that change them (adopt, --fix, rename): the same guards as the
 * linter's reader (regular files only, size limit, strict UTF-8), the original bytes kept, and atomic writes that
 * refuse to overwrite a file that changed in the meantime.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../lib/write-atomic';
import { decodeDocument, formatBytes } from './read';

export type EditRead = { ok: true; text: string } | { ok: false; message: string };

export function readForEdit(abs: string, maxSize: number): EditRead {
  let st;
  try {
    st = lstatSync(abs);
  } catch (e) {
    return { ok: false, message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? e})` };
  }
  if (st.isSymbolicLink()) return { ok: false, message: 'it is a symbolic link; documents must be regular files' };
  if (!st.isFile()) return { ok: false, message: 'it is not a regular file' };
  if (st.size > maxSize) return { ok: false, message: `it is too large (${formatBytes(st.size)}, the limit is ${formatBytes(maxSize)})` };
  const buf = readFileSync(abs);
  const decoded = decodeDocument(buf);
  if (!decoded.ok) return { ok: false, message: decoded.message.replace(/^File /, 'it ') };
  return { ok: true, text: buf.toString('utf8') };
}

export class ChangedOnDisk extends Error {}

/** Writes `text` through a temporary file and a rename, so a reader never sees half a file; keeps the file mode. */
export function writeAtomic(abs: string, text: string, expectedBefore?: string): void {
  if (expectedBefore !== undefined) {
    let now: string | undefined;
    try {
      now = readFileSync(abs, 'utf8');
    } catch {
      now = undefined;
    }
    if (now !== expectedBefore) throw new ChangedOnDisk(`${abs} changed while it was being edited; nothing was written to it`);
  }
  writeFileAtomic(abs, text);
}
