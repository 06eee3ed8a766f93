/** Validation of an incident record before it is written: the same linter checks the CLI and CI run. */
import path from 'node:path';
import { createLinter, type Linter } from '../lint/linter';
import { rules } from '../lint/rules/index';
import type { Level, Project, ProjectIndex } from '../lint/types';

/** Rules whose errors make an incident record unusable; anything else (placeholders) the person fixes later. */
export const BLOCKING = new Set([
  'frontmatter-schema',
  'frontmatter-syntax',
  'severity-ref',
  'service-ref',
  'role-ref',
  'owner-ref',
  'incident-type-ref',
  'incident-timeline',
  'duplicate-incident-id',
  'mdx-safety',
  'no-secrets',
  'no-personal-data',
  'input-limits',
  'file-read',
]);

export class RecordInvalid extends Error {}

/** Only the blocking rules run when a record is written; CI's full lint reports everything else. */
const ONLY_BLOCKING: Record<string, Level> = Object.fromEntries(rules.map((r) => [r.meta.id, BLOCKING.has(r.meta.id) ? 'error' : 'off']));

/**
 * A validator for the store. `reuseIndex` keeps one linter (and so the index of the other documents) from the first
 * call (the responder: records only reference data, so a fresh index per write would only cost time); the CLI builds
 * it per call. Today comes from `now()` at each call.
 */
export function recordValidator(project: Project, opts: { now: () => Date; reuseIndex?: boolean }) {
  let cached: Linter | undefined;
  const linter = () => createLinter({ project: { project, dataProblems: [] }, rules, ruleLevels: ONLY_BLOCKING, workers: 0 });
  const validate = async (abs: string, text: string): Promise<void> => {
    const l = opts.reuseIndex ? (cached ??= linter()) : linter();
    const result = await l.lintText(abs, text, { now: opts.now() });
    const blocking = result.messages.filter((m) => m.severity === 2 && BLOCKING.has(m.ruleId));
    if (blocking.length) throw new RecordInvalid(blocking.map((m) => `${m.message} (${m.ruleId}, line ${m.line})`).join('\n  '));
  };
  /** Builds the index of the other documents now (before taking the store lock, so the lock is held briefly), and returns it. */
  const warm = async (): Promise<ProjectIndex> => {
    cached ??= linter();
    const index = await cached.index();
    // Run the whole check once on a throwaway record, so the first real one does not pay for compiling everything.
    await validate(path.join(project.root, 'incidents', 'INC-999999-warm-up.md'), '---\ntitle: Warm up\ntype: incident\nid: INC-999999\n---\n\n## Summary\n\nWarm up.\n').catch(() => undefined);
    return index;
  };
  return Object.assign(validate, { warm });
}
