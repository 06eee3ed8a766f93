/** The lint command's bulk-suppression step: record, prune or apply handbook-suppressions.json around one run. */
import path from 'node:path';
import {
  applySuppressions,
  loadSuppressions,
  NEVER_SUPPRESSED,
  prune,
  saveSuppressions,
  staleFiles,
  suppress,
  suppressionsPath,
  SuppressionsError,
  type Unused,
} from '../../plugins/lint/suppressions';
import type { FileResult } from '../../plugins/lint/types';
import { UsageError } from './errors';

export interface SuppressionOpts {
  suppressAll?: boolean;
  suppressRule?: string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
  passOnUnprunedSuppressions?: boolean;
}

export interface SuppressionOutcome {
  results: FileResult[];
  /** Lines for stderr. */
  notes: string[];
  /** Suppressions that no longer occur and were not pruned: the run fails unless --pass-on-unpruned-suppressions. */
  unpruned: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function checkSuppressionOptions(opts: SuppressionOpts, knownRules: ReadonlySet<string>): void {
  const rules = opts.suppressRule ?? [];
  if (opts.suppressAll && rules.length) throw new UsageError('--suppress-all and --suppress-rule cannot be combined: --suppress-all already covers every rule');
  if (opts.pruneSuppressions && (opts.suppressAll || rules.length))
    throw new UsageError('--prune-suppressions cannot be combined with --suppress-all or --suppress-rule: run them one after the other');
  for (const id of rules) {
    if (!knownRules.has(id)) throw new UsageError(`--suppress-rule: unknown rule "${id}" (see "handbook rules")`);
    if (NEVER_SUPPRESSED.has(id))
      throw new UsageError(`--suppress-rule: "${id}" is a security rule and is never suppressed; fix the finding, or allow it in handbook.config.yaml`);
  }
}

/**
 * `fullRun`: every document under the roots was checked (no paths, no shard), so entries of files that are gone
 * are unused too.
 */
export function suppressionStep(root: string, raw: FileResult[], opts: SuppressionOpts, fullRun: boolean): SuppressionOutcome {
  const file = suppressionsPath(root, opts.suppressionsLocation);
  const shown = path.relative(process.cwd(), file) || file;
  let current;
  try {
    current = loadSuppressions(file);
  } catch (e) {
    if (e instanceof SuppressionsError) throw new UsageError(e.message);
    throw e;
  }
  const notes: string[] = [];
  const rules = opts.suppressRule?.length ? new Set(opts.suppressRule) : undefined;
  if (opts.suppressAll || rules) {
    const { suppressions, added } = suppress(raw, current, rules);
    saveSuppressions(file, suppressions);
    current = suppressions;
    const security = raw.flatMap((r) => r.messages).filter((m) => m.severity === 2 && NEVER_SUPPRESSED.has(m.ruleId)).length;
    notes.push(`Suppressed ${plural(added, 'more error')} in ${shown}${rules ? ` (rules: ${[...rules].join(', ')})` : ''}; commit this file.`);
    if (security)
      notes.push(
        `${plural(security, 'security finding')} (${[...NEVER_SUPPRESSED].join(', ')}) cannot be suppressed: fix them, or allow a reviewed value in handbook.config.yaml.`,
      );
  } else if (opts.pruneSuppressions) {
    const { suppressions, removed } = prune(raw, current, fullRun);
    saveSuppressions(file, suppressions);
    current = suppressions;
    notes.push(removed ? `Pruned ${plural(removed, 'suppressed error')} that no longer occur from ${shown}.` : `Nothing to prune in ${shown}.`);
  }
  const applied = applySuppressions(raw, current);
  const unused: Unused[] = [
    ...applied.unused,
    ...(fullRun
      ? staleFiles(
          current,
          raw.map((r) => r.relPath),
        ).filter((u) => !applied.unused.some((a) => a.file === u.file))
      : []),
  ];
  if (applied.suppressedCount && !opts.suppressAll && !rules) notes.push(`${plural(applied.suppressedCount, 'error')} suppressed by ${shown}.`);
  let unpruned = false;
  if (unused.length && !opts.pruneSuppressions) {
    const first = unused[0];
    notes.push(
      `${plural(unused.length, 'suppression')} in ${shown} no longer occur (e.g. ${first.file}: ${first.rule} suppressed ${first.suppressed}, found ${first.found}): ` +
        'run "handbook lint --prune-suppressions" and commit the file, so that these problems cannot come back unnoticed.',
    );
    unpruned = !opts.passOnUnprunedSuppressions;
  }
  return { results: applied.results, notes, unpruned };
}
