/** The lint command's --fix step: mechanical fixes written back atomically before the files are checked. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ChangedOnDisk, readForEdit, writeAtomic } from '../../plugins/lint/edit-file';
import { buildIndex, discoverFiles, prepareFile } from '../../plugins/lint/engine';
import { fixText, noFixes, type FixCounts, type ParsedText } from '../../plugins/lint/fix';
import type { Project } from '../../plugins/lint/types';

export interface FixOutcome {
  files: number;
  counts: FixCounts;
  notes: string[];
}

export async function fixStep(project: Project, paths: string[] | undefined, now: Date): Promise<FixOutcome> {
  const all = await discoverFiles(project);
  const targets = paths?.length ? await discoverFiles(project, paths) : all;
  // Link fixes need every document's path and route.
  const index = buildIndex(project, await Promise.all(all.map((f) => prepareFile(project, f))));
  const counts = noFixes();
  const notes: string[] = [];
  let files = 0;
  for (const abs of targets) {
    const rel = path.relative(project.root, abs).split(path.sep).join('/');
    const read = readForEdit(abs, project.config.max_file_size);
    if (!read.ok) continue; // the lint run reports it
    const parse = async (text: string): Promise<ParsedText | undefined> => {
      const d = await prepareFile(project, abs, text);
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
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.entries(counts) as [string, number][]).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`);
  notes.push(
    total
      ? `Fixed ${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${parts.join(', ')}).`
      : 'Nothing to fix automatically.',
  );
  return { files, counts, notes };
}
