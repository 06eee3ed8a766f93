/**
 * Bulk suppressions, after ESLint 9's model: a committed JSON file records, per file and rule, how many errors
 * existed when a team adopted the linter. Later runs subtract those counts, so only new problems fail.
 *
 *   { "runbooks/legacy.md": { "heading-structure": { "count": 2 } } }
 *
 * - A rule's errors in a file are hidden while their number is at most the suppressed count; when it grows, every
 *   error of that rule in that file is reported again (which one is new cannot be known), as ESLint does.
 * - Warnings are never suppressed (they do not fail a run), nor fatal problems (an unreadable file hides all others).
 * - Security rules (no-secrets, mdx-safety, no-personal-data) are never suppressed: such a finding is fixed, or allowed
 *   by a reviewed allowlist entry in handbook.config.yaml (DECISIONS: "never silenced by a committed file").
 *
 * Pure functions over results; the CLI and the remark plugin read and write the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../lib/write-atomic';
import path from 'node:path';
import type { FileResult, LintMessage } from './types';

export const SUPPRESSIONS_FILE = 'handbook-suppressions.json';

/** Rules whose findings no committed file may hide. */
export const NEVER_SUPPRESSED: ReadonlySet<string> = new Set(['no-secrets', 'mdx-safety', 'no-personal-data']);

/** file (relative, forward slashes) -> rule id -> { count }. */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export class SuppressionsError extends Error {}

export function suppressionsPath(root: string, location?: string): string {
  return path.resolve(root, location ?? SUPPRESSIONS_FILE);
}

/** Reads the suppressions file; a missing file is an empty set, a malformed one an error that names the file and the fix. */
export function loadSuppressions(file: string): Suppressions {
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SuppressionsError(`${file}: not valid JSON (${(e as Error).message}); regenerate it with "handbook lint --suppress-all" or restore it from git`);
  }
  const bad = (where: string) =>
    new SuppressionsError(`${file}: ${where}; the file maps each file to rule ids with {"count": n}. Regenerate it with "handbook lint --suppress-all"`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('the top level is not an object');
  const out: Suppressions = {};
  for (const [rel, rules] of Object.entries(value as Record<string, unknown>)) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw bad(`"${rel}" is not an object of rule ids`);
    for (const [rule, entry] of Object.entries(rules as Record<string, unknown>)) {
      const count = (entry as { count?: unknown } | null)?.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw bad(`"${rel}" -> "${rule}" needs a whole "count" of at least 1`);
      if (NEVER_SUPPRESSED.has(rule))
        throw new SuppressionsError(
          `${file}: "${rel}" suppresses "${rule}", a security rule that cannot be suppressed; remove the entry and fix the finding (or allow it in handbook.config.yaml)`,
        );
      if (rule === '__proto__' || rel === '__proto__') throw bad('"__proto__" is not a file or rule id');
      (out[rel] ??= {})[rule] = { count };
    }
  }
  return out;
}

/** Writes the file atomically, with sorted keys so diffs stay small. An empty set removes nothing: it writes {}. */
export function saveSuppressions(file: string, s: Suppressions): void {
  const sorted: Suppressions = {};
  for (const rel of Object.keys(s).sort()) {
    const rules = Object.keys(s[rel]).sort();
    if (!rules.length) continue;
    sorted[rel] = {};
    for (const r of rules) sorted[rel][r] = { count: s[rel][r].count };
  }
  writeFileAtomic(file, JSON.stringify(sorted, null, 2) + '\n');
}

function suppressible(m: LintMessage): boolean {
  return m.severity === 2 && !m.fatal && !NEVER_SUPPRESSED.has(m.ruleId);
}

/** Errors per rule in one result, counting only what may be suppressed. */
function countsOf(result: FileResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of result.messages) if (suppressible(m)) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  return counts;
}

export interface Unused {
  file: string;
  rule: string;
  suppressed: number;
  found: number;
}

export interface Applied {
  results: FileResult[];
  /** How many errors the file hid. */
  suppressedCount: number;
  /** Entries for checked files that are larger than what was found: they can be pruned. */
  unused: Unused[];
}

function recount(r: FileResult, messages: LintMessage[]): FileResult {
  return {
    ...r,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
  };
}

/** Hides suppressed errors. Entries of files that were not checked in this run are left alone (not "unused"). */
export function applySuppressions(results: FileResult[], s: Suppressions): Applied {
  let suppressedCount = 0;
  const unused: Unused[] = [];
  const out = results.map((r) => {
    const entry = s[r.relPath];
    if (!entry) return r;
    const counts = countsOf(r);
    const hidden = new Set<string>();
    for (const [rule, { count }] of Object.entries(entry)) {
      const found = counts.get(rule) ?? 0;
      if (found <= count) {
        if (found) hidden.add(rule);
        suppressedCount += found;
        if (found < count) unused.push({ file: r.relPath, rule, suppressed: count, found });
      }
    }
    if (!hidden.size) return r;
    return recount(
      r,
      r.messages.filter((m) => !(suppressible(m) && hidden.has(m.ruleId))),
    );
  });
  // A checked file that no longer exists or has no result at all: its entries are unused too.
  return { results: out, suppressedCount, unused };
}

/** Entries for files that no run will check again (deleted or renamed), given every file a full run checked. */
export function staleFiles(s: Suppressions, checked: Iterable<string>): Unused[] {
  const seen = new Set(checked);
  return Object.entries(s)
    .filter(([rel]) => !seen.has(rel))
    .flatMap(([rel, rules]) => Object.entries(rules).map(([rule, { count }]) => ({ file: rel, rule, suppressed: count, found: 0 })));
}

/**
 * --suppress-all / --suppress-rule: records the current errors of the checked files (all rules, or only `rules`),
 * keeping entries for other files and other rules. Returns the new set and how many errors it now covers.
 */
export function suppress(results: FileResult[], existing: Suppressions, rules?: ReadonlySet<string>): { suppressions: Suppressions; added: number } {
  const next: Suppressions = structuredClone(existing);
  let added = 0;
  for (const r of results) {
    for (const [rule, found] of countsOf(r)) {
      if (rules && !rules.has(rule)) continue;
      const before = next[r.relPath]?.[rule]?.count ?? 0;
      if (found > before) added += found - before;
      (next[r.relPath] ??= {})[rule] = { count: Math.max(found, before) };
    }
  }
  return { suppressions: next, added };
}

/**
 * --prune-suppressions: lowers each entry of a checked file to what was found and drops entries that no longer
 * occur. `fullRun` (every file under the roots was checked) also drops entries of files that no longer exist.
 */
export function prune(results: FileResult[], existing: Suppressions, fullRun: boolean): { suppressions: Suppressions; removed: number } {
  const next = new Map(Object.entries(structuredClone(existing)));
  let removed = 0;
  const checked = new Set<string>();
  for (const r of results) {
    checked.add(r.relPath);
    const entry = next.get(r.relPath);
    if (!entry) continue;
    const counts = countsOf(r);
    const kept: [string, { count: number }][] = [];
    for (const [rule, { count }] of Object.entries(entry)) {
      const found = Math.min(counts.get(rule) ?? 0, count);
      removed += count - found;
      if (found > 0) kept.push([rule, { count: found }]);
    }
    if (kept.length) next.set(r.relPath, Object.fromEntries(kept));
    else next.delete(r.relPath);
  }
  if (fullRun) {
    for (const u of staleFiles(Object.fromEntries(next), checked)) {
      removed += u.suppressed;
      next.delete(u.file);
    }
  }
  return { suppressions: Object.fromEntries(next), removed };
}
