import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText, folderInside, parseInstant, parseWorkers } from '../../scripts/cli/args';
import { UsageError } from '../../scripts/cli/errors';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('parseInstant (--now, --at, --since, --started-at)', () => {
  it('accepts real dates and zoned timestamps', () => {
    expect(parseInstant('2026-11-23', '--now').toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parseInstant('2024-02-29', '--since', '00:00:00').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseInstant('2026-11-23T10:15:00Z', '--at').toISOString()).toBe('2026-11-23T10:15:00.000Z');
    expect(parseInstant('2026-11-23T10:15+01:00', '--at').toISOString()).toBe('2026-11-23T09:15:00.000Z');
  });

  it('refuses dates JavaScript would roll over, garbage, and timestamps without a zone', () => {
    expect(refused(() => parseInstant('2026-02-30', '--now'))).toBe('--now: "2026-02-30" is not a real date');
    expect(refused(() => parseInstant('2025-02-29', '--now'))).toBe('--now: "2025-02-29" is not a real date');
    expect(refused(() => parseInstant('yesterday-ish', '--at'))).toBe(
      '--at needs a date like 2026-11-23 or a timestamp like 2026-11-23T14:05:00Z, got "yesterday-ish"',
    );
    expect(refused(() => parseInstant('1', '--at'))).toMatch(/^--at needs a date/);
    expect(refused(() => parseInstant('2026-11-23T25:00:00Z', '--at'))).toMatch(/^--at needs a date/);
    expect(refused(() => parseInstant('2026-11-23T10:00:00', '--at'))).toMatch(/^--at needs a date/);
  });
});

describe('checkText (titles, names, notes)', () => {
  it('refuses 300-character names, control characters, bidi overrides and line breaks', () => {
    expect(refused(() => checkText('x'.repeat(300), '--title'))).toBe('--title is 300 characters long; keep it under 121');
    expect(refused(() => checkText('Checkout \u202Edown', '--title'))).toBe('--title contains the bidirectional control character U+202E: remove it');
    expect(refused(() => checkText('a\u0007b', '--title'))).toBe('--title contains the control character U+0007: remove it');
    expect(refused(() => checkText('a\nb', '--title'))).toBe('--title contains a line break: remove it');
    expect(refused(() => checkText('  ', '--title'))).toBe('--title must not be empty');
  });
  it('keeps "<" and ">" (escaped where they are written)', () => {
    expect(checkText('p99 < 100 ms </script>', '--title')).toBe('p99 < 100 ms </script>');
  });
});

describe('folderInside (new --dir)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-args-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'handbook-outside-'));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(path.join(root, 'docs', 'file.md'), 'x');
  symlinkSync(outside, path.join(root, 'escape'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('accepts folders inside the repository, existing or new', () => {
    expect(folderInside(root, 'docs/new/deeper', '--dir')).toBe(path.join(root, 'docs/new/deeper'));
  });
  it('refuses a folder outside, a file, and a symbolic link out of the repository', () => {
    expect(refused(() => folderInside(root, '/anywhere', '--dir'))).toBe(`--dir "/anywhere" is outside the repository (${root}): give a folder inside it`);
    expect(refused(() => folderInside(root, '../x', '--dir'))).toMatch(/is outside the repository/);
    expect(refused(() => folderInside(root, 'docs/file.md', '--dir'))).toBe('--dir "docs/file.md": docs/file.md is a file, not a folder');
    expect(refused(() => folderInside(root, 'escape/sub', '--dir'))).toBe('--dir "escape/sub" leads outside the repository through a symbolic link');
  });
});

describe('parseWorkers', () => {
  it('caps --workers at the number of cores and refuses garbage', () => {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    expect(parseWorkers('99999')).toEqual({ workers: cores, capped: true });
    expect(parseWorkers('0')).toEqual({ workers: 0, capped: false });
    expect(refused(() => parseWorkers('-1'))).toBe('--workers needs a whole number (0 to check in the main thread), got "-1"');
    expect(refused(() => parseWorkers('1e9'))).toMatch(/^--workers needs a whole number/);
  });
});
