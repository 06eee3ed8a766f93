import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicAsync } from '../../plugins/lib/write-atomic';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'hb-atomic-'));

describe('writeFileAtomic', () => {
  it('creates a new file with the given mode and leaves no temporary file', () => {
    const d = dir();
    const file = path.join(d, 'new.txt');
    writeFileAtomic(file, 'hello\n', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['new.txt']);
  });

  it('replaces an existing file and keeps its mode', () => {
    const d = dir();
    const file = path.join(d, 'script.sh');
    writeFileSync(file, 'old');
    chmodSync(file, 0o750);
    writeFileAtomic(file, 'new', { durable: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(readdirSync(d)).toEqual(['script.sh']);
  });

  it('leaves the old file and no temporary file behind when the rename fails', () => {
    const d = dir();
    const target = path.join(d, 'a-directory');
    // renaming a file over a non-empty directory fails
    writeFileSync(path.join(d, 'keep.txt'), 'x');
    const sub = path.join(target);
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'inside'), 'y');
    expect(() => writeFileAtomic(target, 'text')).toThrow();
    expect(readdirSync(d).sort()).toEqual(['a-directory', 'keep.txt']);
    expect(readFileSync(path.join(sub, 'inside'), 'utf8')).toBe('y');
  });
});

describe('writeFileAtomicAsync', () => {
  it('replaces a file durably, keeps its mode and leaves no temporary file', async () => {
    const d = dir();
    const file = path.join(d, 'record.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomicAsync(file, 'new\n', { durable: true });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['record.md']);
  });

  it('two writes of one file at once: the file holds one of them whole, and no temporary file is left', async () => {
    const d = dir();
    const file = path.join(d, 'record.md');
    const a = 'a'.repeat(200_000);
    const b = 'b'.repeat(200_000);
    await Promise.all([writeFileAtomicAsync(file, a, { durable: true }), writeFileAtomicAsync(file, b, { durable: true })]);
    expect([a, b]).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(d)).toEqual(['record.md']);
  });

  it('rejects, and leaves the old content and no temporary file, when the rename fails', async () => {
    const d = dir();
    const target = path.join(d, 'a-directory');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside'), 'y');
    await expect(writeFileAtomicAsync(target, 'text')).rejects.toThrow();
    expect(readdirSync(d)).toEqual(['a-directory']);
    expect(readFileSync(path.join(target, 'inside'), 'utf8')).toBe('y');
  });
});
