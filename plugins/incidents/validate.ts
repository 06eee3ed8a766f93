/** Validation of an incident record before it is written: the same linter checks the CLI and CI run. */
import path from 'node:path';
import { buildIndex, checkDocument, discoverFiles, prepareFile } from '../lint/engine';
import type { Level, Project, ProjectIndex } from '../lint/types';
import { rules } from '../lint/rules';

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

async function indexOf(project: Project): Promise<ProjectIndex> {
  const files = await discoverFiles(project);
  const docs = await Promise.all(files.map((f) => prepareFile(project, f)));
  return buildIndex(project, docs);
}

/**
 * A validator for the store. `reuseIndex` keeps the index of the other documents from the first call (the responder:
 * records only reference data, so a fresh index per write would only cost time); the CLI builds it per call.
 */
export function recordValidator(project: Project, opts: { now: () => Date; reuseIndex?: boolean }) {
  let cached: ProjectIndex | undefined;
  const validate = async (abs: string, text: string): Promise<void> => {
    const index = opts.reuseIndex ? (cached ??= await indexOf(project)) : await indexOf(project);
    const doc = await prepareFile(project, abs, text);
    const byPath = new Map(index.byPath);
    const idx = buildIndex(project, [doc]);
    for (const [k, v] of idx.byPath) byPath.set(k, v);
    const merged: ProjectIndex = { byPath, byRoute: new Map([...index.byRoute, ...idx.byRoute]) };
    const result = await checkDocument(project, doc, merged, { now: opts.now(), ruleLevels: ONLY_BLOCKING });
    const blocking = result.messages.filter((m) => m.severity === 2 && BLOCKING.has(m.ruleId));
    if (blocking.length) throw new RecordInvalid(blocking.map((m) => `${m.message} (${m.ruleId}, line ${m.line})`).join('\n  '));
  };
  /** Builds the index of the other documents now (before taking the store lock, so the lock is held briefly). */
  const warm = async () => {
    cached ??= await indexOf(project);
    // Run the whole check once on a throwaway record, so the first real one does not pay for compiling everything.
    await validate(path.join(project.root, 'incidents', 'INC-999999-warm-up.md'), '---\ntitle: Warm up\ntype: incident\nid: INC-999999\n---\n\n## Summary\n\nWarm up.\n').catch(() => undefined);
  };
  return Object.assign(validate, { warm });
}
