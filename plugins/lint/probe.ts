/**
 * What cross-document and project rules look up outside the documents and the loaded project (a static file, a page of
 * the pages plugin, the Prometheus rule files, promtool), done through these functions so a run can record it. A warm
 * run reuses such rules' findings only when every recorded look-up gives the same answer again (plugins/lint/run-cache.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';

/** Look-up -> its answer, as strings; a key names the kind of look-up and its arguments. */
export type Probes = Map<string, string>;

const active = new Set<Probes>();

function note(key: string, answer: string): void {
  for (const probes of active) probes.set(key, answer);
}

/** Records every look-up made while `fn` runs (and anything else running meanwhile: more look-ups only cost checks). */
export async function recordProbes<T>(fn: () => Promise<T>): Promise<{ result: T; probes: Probes }> {
  const probes: Probes = new Map();
  active.add(probes);
  try {
    return { result: await fn(), probes };
  } finally {
    active.delete(probes);
  }
}

function fileAnswer(abs: string): string {
  try {
    return statSync(abs).isFile() ? '1' : '0';
  } catch {
    return '0';
  }
}

/** Whether `abs` is a regular file (following links, as the site build does). */
export function isFile(abs: string): boolean {
  const answer = fileAnswer(abs);
  note(`file\0${abs}`, answer);
  return answer === '1';
}

/** Whether anything exists at `abs`. */
export function exists(abs: string): boolean {
  const answer = existsSync(abs);
  note(`exists\0${abs}`, answer ? '1' : '0');
  return answer;
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64');

/** A text file's content. */
export function readText(abs: string): string {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    note(`read\0${abs}`, readFailure(e));
    throw e;
  }
  note(`read\0${abs}`, digest(text));
  return text;
}

const readFailure = (e: unknown) => `!${(e as NodeJS.ErrnoException).code ?? String(e)}`;

function globAnswer(patterns: string[], cwd: string, ignore: string[]): string[] {
  return globSync(patterns, { cwd, onlyFiles: true, followSymbolicLinks: false, ignore }).sort();
}

/** The files (not folders, no symbolic links followed) matching `patterns` under `cwd`, sorted. */
export function globFiles(patterns: string[], cwd: string, ignore: string[]): string[] {
  const files = globAnswer(patterns, cwd, ignore);
  note(`glob\0${JSON.stringify([patterns, cwd, ignore])}`, JSON.stringify(files));
  return files;
}

function whichAnswer(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = dir && path.join(dir, name);
    if (p && existsSync(p)) {
      try {
        const st = statSync(p);
        return `${p}\0${st.size}\0${st.mtimeMs}`;
      } catch {
        return p;
      }
    }
  }
  return '';
}

/** The first `name` on the PATH (the program itself, by size and modification time, is part of the answer). */
export function which(name: string): string | undefined {
  const answer = whichAnswer(name);
  note(`which\0${name}`, answer);
  return answer ? answer.split('\0')[0] : undefined;
}

/** Asks one recorded look-up again. */
function answerNow(key: string): string | undefined {
  const [kind, arg] = [key.slice(0, key.indexOf('\0')), key.slice(key.indexOf('\0') + 1)];
  switch (kind) {
    case 'file':
      return fileAnswer(arg);
    case 'exists':
      return existsSync(arg) ? '1' : '0';
    case 'read':
      try {
        return digest(readFileSync(arg, 'utf8'));
      } catch (e) {
        return readFailure(e);
      }
    case 'glob': {
      const [patterns, cwd, ignore] = JSON.parse(arg) as [string[], string, string[]];
      return JSON.stringify(globAnswer(patterns, cwd, ignore));
    }
    case 'which':
      return whichAnswer(arg);
    default:
      return undefined;
  }
}

/** Whether every recorded look-up still gives the recorded answer. */
export function probesHold(probes: Iterable<[string, string]>): boolean {
  for (const [key, answer] of probes) if (answerNow(key) !== answer) return false;
  return true;
}
