/** The messages between the pool and its lint workers. */
import type { DocSummary } from './engine';
import type { Level, LintMessage } from './types';

/** Given once, when the worker starts. */
export interface WorkerSetup {
  root: string;
  /** ISO timestamp. */
  now: string;
  ruleLevels?: Record<string, Level>;
  /** A module exporting `rules`; default: the package's built-in rules. */
  rulesModule?: string;
}

/** Pool -> worker: check one file. */
export interface WorkerTask {
  id: number;
  abs: string;
  buf: Uint8Array;
  /** Parse and summarise only, no rules (a document the run does not check, needed for the index). */
  summaryOnly?: boolean;
}

/** Worker -> pool. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; messages: LintMessage[]; summary: DocSummary }
  | { kind: 'error'; id: number; error: string }
  | { kind: 'setup-failed'; error: string };
