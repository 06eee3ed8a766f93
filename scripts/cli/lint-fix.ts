/** The lint command's --fix step: mechanical fixes written back atomically before the files are checked. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ChangedOnDisk, readForEdit, writeAtomic } from '../../plugins/lint/edit-file';
import { fixText, noFixes, type FixCounts, type ParsedText } from '../../plugins/lint/fix';
import type { Linter } from '../../plugins/lint/linter';

export interface FixOutcome {
  files: number;
  counts: FixCounts;
  notes: string[];
}

/** Fixes the documents `paths` names (default: all) with the linter's parser and index; the linter then re-reads them. */
export async function fixStep(linter: Linter, paths: string[] | undefined, now: Date): Promise<FixOutcome> {
  const { project } = linter;
  const targets = await linter.files(paths);
  // Link fixes need every document's path and route.
  const index = await linter.index();
  const counts = noFixes();
  const notes: string[] = [];
  let files = 0;
  for (const abs of targets) {
    const rel = path.relative(project.root, abs).split(path.sep).join('/');
    const read = readForEdit(abs, project.config.max_file_size);
    if (!read.ok) continue; // the lint run reports it
    const parse = async (text: string): Promise<ParsedText | undefined> => {
      const d = await linter.parse(abs, text);
      return d.fatal || !d.tree || !d.fm ? undefined : { text, tree: d.tree, frontmatter: d.fm.data };
    };
    const r = await fixText(project, index, rel, read.text, parse, { now, exists: (p) => existsSync(path.join(project.root, p)) });
    if (r.refused) notes.push(`${rel}: not fixed: ${r.refused}`);
    if (r.text === read.text) continue;
    try {
      writeAtomic(abs, r.text, read.text);
    } catch (e) {
      if (e instanceof ChangedOnDisk) {
        notes.push(`${rel}: not fixed: it changed while being fixed`);
        continue;
      }
      throw e;
    }
    files++;
    for (const k of Object.keys(counts) as (keyof FixCounts)[]) counts[k] += r.counts[k];
  }
  // The index and summaries knew the files before the fixes.
  if (files) linter.invalidate();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.entries(counts) as [string, number][]).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`);
  notes.push(
    total
      ? `Fixed ${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${parts.join(', ')}).`
      : 'Nothing to fix automatically.',
  );
  return { files, counts, notes };
}
