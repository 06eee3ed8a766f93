/**
 * The last full run of `lint --cache`, kept next to the lint cache so the next run can reuse the cross-document and
 * project findings instead of rebuilding the index from every document's summary:
 *
 * - `<location>.run`: per document its size, modification time and hash, digests of its summary and of its entry in
 *   the index, its document-rule and cross-document findings; the project findings (data problems included); the
 *   look-ups outside the documents those rules made (plugins/lint/probe.ts) and whether they read the time.
 * - `<location>.index`: the index entries, read only when some document's cross-document rules must run again.
 *
 * Both are bound to the lint cache's key (code, config, schemas, data, the day, rule levels, the machine key). What a
 * warm run may reuse, and when it must fall back to a full run, is decided in linter.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../lib/write-atomic';
import type { DocSummary } from './engine';
import type { LintMessage } from './types';

const VERSION = 1;

export interface RunFile {
  rel: string;
  /** Size, modification time and content hash when checked; absent for a file that must be read again each run. */
  stamp?: [number, number, string];
  /** Digest of the document's whole summary (what its cross-document rules read). */
  sum: string;
  /** Digest of its entry in the index (what every other document's cross-document rules and the project rules read). */
  idx: string;
  local?: LintMessage[];
  indexed?: LintMessage[];
  /** Its cross-document rules read the time. */
  usedNow?: true;
}

export interface RunSnapshot {
  version: number;
  key: string;
  /** The run's time (ISO). */
  now: string;
  /** Digest of every index entry, in order: names the matching `.index` file. */
  indexDigest: string;
  files: RunFile[];
  project: [string, LintMessage[]][];
  projectUsedNow: boolean;
  probes: [string, string][];
}

/** What an index entry is built from (with the config, which the key covers). */
export type IndexInput = Pick<DocSummary, 'relPath' | 'type' | 'frontmatter' | 'anchors' | 'alertRefs'>;

interface IndexFile {
  version: number;
  key: string;
  indexDigest: string;
  docs: IndexInput[];
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64');

export function indexInput(sum: DocSummary): IndexInput {
  return { relPath: sum.relPath, type: sum.type, frontmatter: sum.frontmatter, anchors: sum.anchors, alertRefs: sum.alertRefs ?? [] };
}

export function summaryDigest(sum: DocSummary): string {
  const { abs: _abs, ...rest } = sum;
  return digest(JSON.stringify(rest));
}

export function indexEntryDigest(sum: DocSummary): string {
  return digest(JSON.stringify(indexInput(sum)));
}

export function digestOfIndex(files: readonly RunFile[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.idx).update('\0');
  return h.digest('base64');
}

export class RunCache {
  constructor(
    private location: string,
    private key: string,
  ) {}

  private readJson<T extends { version: number; key: string }>(suffix: string): T | undefined {
    try {
      const data = JSON.parse(readFileSync(`${this.location}.${suffix}`, 'utf8')) as T;
      return data.version === VERSION && data.key === this.key ? data : undefined;
    } catch {
      return undefined;
    }
  }

  read(): RunSnapshot | undefined {
    return this.readJson<RunSnapshot>('run');
  }

  readIndex(indexDigest: string): IndexInput[] | undefined {
    const data = this.readJson<IndexFile>('index');
    return data?.indexDigest === indexDigest ? data.docs : undefined;
  }

  write(snapshot: Omit<RunSnapshot, 'version' | 'key'>, index?: IndexInput[]): void {
    mkdirSync(path.dirname(this.location), { recursive: true });
    if (index) {
      const file: IndexFile = { version: VERSION, key: this.key, indexDigest: snapshot.indexDigest, docs: index };
      writeFileAtomic(`${this.location}.index`, JSON.stringify(file), { mode: 0o600 });
    }
    writeFileAtomic(`${this.location}.run`, JSON.stringify({ version: VERSION, key: this.key, ...snapshot } satisfies RunSnapshot), { mode: 0o600 });
  }
}
