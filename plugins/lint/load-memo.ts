/**
 * What loading a project computes from its config, schemas and data files alone (the parsed data, the data problems,
 * and that the config and schemas passed their checks), kept in the user's cache folder so the next load of the same
 * files by the same code skips parsing and validating them. Bound to the machine key, like the lint cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../lib/write-atomic';
import { codeHash, machineKey } from './cache';
import type { ProjectProblem } from './types';

const VERSION = 1;

export interface LoadMemo {
  /** Data file key (as in project.data) -> its parsed value; files that did not parse are absent. */
  data: Record<string, unknown>;
  /** The data problems found, after the config's own. */
  problems: ProjectProblem[];
}

interface MemoFile extends LoadMemo {
  version: number;
  key: string;
}

/** Only values that JSON gives back unchanged are kept (YAML's .inf, .nan and -0 are not). */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(jsonSafe);
  return false;
}

export class ProjectMemo {
  private key?: string;
  /** The texts read to compute the key, by absolute path, for the loader to reuse. */
  readonly texts = new Map<string, string>();

  /** `inputs`: every file the load reads (config, schemas, data), absolute paths in the order the loader uses them. */
  constructor(
    private file: string,
    root: string,
    inputs: string[],
  ) {
    const h = createHash('sha1').update(`load-${VERSION}`).update(machineKey()).update(codeHash([])).update(root);
    try {
      for (const abs of inputs) {
        const text = readFileSync(abs, 'utf8');
        this.texts.set(abs, text);
        h.update('\0').update(abs).update('\0').update(text);
      }
      this.key = h.digest('base64');
    } catch {
      this.key = undefined; // an unreadable input: the loader reports it, nothing is kept
    }
  }

  read(): LoadMemo | undefined {
    if (!this.key) return undefined;
    try {
      const memo = JSON.parse(readFileSync(this.file, 'utf8')) as MemoFile;
      return memo.version === VERSION && memo.key === this.key ? memo : undefined;
    } catch {
      return undefined;
    }
  }

  write(memo: LoadMemo): void {
    if (!this.key || !jsonSafe(memo.data)) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ version: VERSION, key: this.key, ...memo } satisfies MemoFile), { mode: 0o600 });
    } catch {
      // Not kept: the next load parses and validates again.
    }
  }
}
