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
import { createHash, randomBytes } from 'node:crypto';
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
  /** Names this full write: a delta file (`<location>.run-delta`) applies to the snapshot of its serial only. */
  serial: string;
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

/** A warm run's changes to the last full snapshot: the entries of the documents it checked again, and its time. */
interface DeltaFile {
  version: number;
  key: string;
  serial: string;
  now: string;
  files: [number, RunFile][];
}

/** More changed documents than this since the last full write: write the snapshot again instead of a delta. */
const DELTA_LIMIT = 256;

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
  /** The serial of the snapshot read, and the documents its delta changed. */
  private base?: { serial: string; changed: Set<number> };

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
    const snapshot = this.readJson<RunSnapshot>('run');
    if (!snapshot) return undefined;
    const changed = new Set<number>();
    const delta = this.readJson<DeltaFile>('run-delta');
    if (delta?.serial === snapshot.serial && delta.files.every(([i]) => Number.isInteger(i) && i >= 0 && i < snapshot.files.length)) {
      for (const [i, file] of delta.files) {
        snapshot.files[i] = file;
        changed.add(i);
      }
      snapshot.now = delta.now;
    }
    this.base = { serial: snapshot.serial, changed };
    return snapshot;
  }

  readIndex(indexDigest: string): IndexInput[] | undefined {
    const data = this.readJson<IndexFile>('index');
    return data?.indexDigest === indexDigest ? data.docs : undefined;
  }

  write(snapshot: Omit<RunSnapshot, 'version' | 'key' | 'serial'>, index?: IndexInput[]): void {
    mkdirSync(path.dirname(this.location), { recursive: true });
    if (index) {
      const file: IndexFile = { version: VERSION, key: this.key, indexDigest: snapshot.indexDigest, docs: index };
      writeFileAtomic(`${this.location}.index`, JSON.stringify(file), { mode: 0o600 });
    }
    const serial = randomBytes(12).toString('base64');
    writeFileAtomic(`${this.location}.run`, JSON.stringify({ version: VERSION, key: this.key, serial, ...snapshot } satisfies RunSnapshot), {
      mode: 0o600,
    });
    this.base = { serial, changed: new Set() };
  }

  /**
   * After a warm run that read this snapshot: `touched` documents changed entries, and the time may have moved. Only
   * those entries are written (a small delta file) while the project findings and look-ups stayed the same and few
   * documents changed since the last full write; otherwise the whole snapshot.
   */
  update(snapshot: Omit<RunSnapshot, 'version' | 'key' | 'serial'>, touched: Iterable<number>, projectOrProbesChanged: boolean): void {
    const base = this.base;
    const changed = new Set([...(base?.changed ?? []), ...touched]);
    if (!base || projectOrProbesChanged || changed.size > DELTA_LIMIT) return this.write(snapshot);
    const delta: DeltaFile = {
      version: VERSION,
      key: this.key,
      serial: base.serial,
      now: snapshot.now,
      files: [...changed].sort((a, b) => a - b).map((i) => [i, snapshot.files[i]]),
    };
    writeFileAtomic(`${this.location}.run-delta`, JSON.stringify(delta), { mode: 0o600 });
    this.base = { serial: base.serial, changed };
  }
}
