/** Reads a document defensively: stat first (FIFOs and devices would block), size limit, strict UTF-8. */
import { promises as fs } from 'node:fs';

export type ReadResult = { ok: true; text: string; bom: boolean; crlf: boolean } | { ok: false; message: string; line?: number; column?: number };

// ignoreBOM keeps a byte order mark in the text, so it can be reported instead of silently dropped.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readDocument(absPath: string, maxSize: number): Promise<ReadResult> {
  let stat;
  try {
    if ((await fs.lstat(absPath)).isSymbolicLink()) {
      return { ok: false, message: 'Symbolic link: documents must be regular files in the repository (a link can publish files from outside it)' };
    }
    stat = await fs.stat(absPath);
  } catch (e) {
    return { ok: false, message: `Cannot read file: ${describeFsError(e)}` };
  }
  if (stat.isDirectory()) return { ok: false, message: 'This is a directory named like a document; rename it or move its files' };
  if (!stat.isFile()) return { ok: false, message: 'Not a regular file (a device, socket or pipe); only regular files can be documents' };
  if (stat.size > maxSize) {
    return {
      ok: false,
      message: `File is too large to check (${formatBytes(stat.size)}, the limit is ${formatBytes(maxSize)}): split it into smaller documents`,
    };
  }
  let buf: Buffer;
  try {
    buf = await fs.readFile(absPath);
  } catch (e) {
    return { ok: false, message: `Cannot read file: ${describeFsError(e)}` };
  }
  return decodeDocument(buf);
}

export function decodeDocument(buf: Uint8Array): ReadResult {
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    const at = firstInvalidUtf8(buf);
    return { ok: false, message: 'File is not valid UTF-8: save it with UTF-8 encoding', ...at };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    return { ok: false, message: 'File contains a NUL byte: it looks binary, not Markdown', line, column: nul - before.lastIndexOf('\n') };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const crlf = text.includes('\r\n');
  if (crlf) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, bom, crlf };
}

function firstInvalidUtf8(buf: Uint8Array): { line: number; column: number } {
  // Decode growing prefixes is quadratic; scan instead for the first byte sequence that fails.
  let line = 1;
  let column = 1;
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) return { line, column };
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(i, i + n));
    } catch {
      return { line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += n;
  }
  return { line, column };
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; make it readable (chmod a+r)';
  if (code === 'ENOENT') return 'it does not exist (a broken symbolic link?)';
  if (code === 'ELOOP') return 'a symbolic link loop';
  return code ?? String(e);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
