/** `handbook adopt <paths...>`: front matter for existing documents, so they can be linted and published. */
import path from 'node:path';
import { adoptText, type TypeSource } from '../../plugins/lint/adopt';
import { readForEdit, writeAtomic } from '../../plugins/lint/edit-file';
import { relativePath } from '../../plugins/lint/engine';
import { UsageError } from './errors';
import { openLinter, openProject, parseNow } from './project';

export interface AdoptOpts {
  type?: string;
  owner?: string;
  dryRun?: boolean;
  now?: string;
}

const WHY: Record<TypeSource, string> = {
  'front matter': 'from its front matter',
  option: 'from --type',
  folder: 'from its folder',
  headings: 'from its headings',
  default: 'no better guess; pass --type to choose',
};

export async function adoptCommand(paths: string[], opts: AdoptOpts): Promise<number> {
  const loaded = openProject();
  const { project } = loaded;
  const now = parseNow(opts.now);
  const types = Object.keys(project.config.types);
  if (opts.type && !project.config.types[opts.type]) throw new UsageError(`--type: unknown document type "${opts.type}": use one of ${types.join(', ')}`);
  const teams = project.registries.get('team') ?? [];
  if (opts.owner && !teams.includes(opts.owner))
    throw new UsageError(`--owner: unknown team "${opts.owner}": use one of ${teams.join(', ')} (data/teams.yaml)`);
  if (!paths.length) throw new UsageError('adopt needs the files or folders to adopt, e.g. "handbook adopt runbooks/legacy"');
  const files = await openLinter({ project: loaded, summaryCache: false }).files(paths);
  if (!files.length) throw new UsageError(`no .md or .mdx files in ${paths.join(', ')}`);
  const roots = project.config.roots.map((r) => r.path);
  let changed = 0;
  let failed = 0;
  const outside: string[] = [];
  for (const abs of files) {
    const rel = relativePath(project, abs);
    if (!roots.some((r) => rel.startsWith(r + '/'))) outside.push(rel);
    const read = readForEdit(abs, project.config.max_file_size);
    if (!read.ok) {
      process.stderr.write(`handbook adopt: ${rel}: skipped: ${read.message}\n`);
      failed++;
      continue;
    }
    const r = adoptText(project, rel, read.text, { type: opts.type, owner: opts.owner, now });
    if (r.problem) {
      process.stderr.write(`handbook adopt: ${rel}: skipped: ${r.problem}\n`);
      failed++;
      continue;
    }
    if (!r.changed) continue;
    if (!opts.dryRun) writeAtomic(abs, r.text, read.text);
    changed++;
    process.stdout.write(`${rel}: ${r.type} (${WHY[r.typeSource!]}); added ${r.added.join(', ')}\n`);
  }
  const verb = opts.dryRun ? 'Would adopt' : 'Adopted';
  process.stdout.write(
    `${verb} ${changed} of ${files.length} file${files.length === 1 ? '' : 's'}${files.length - changed - failed ? ` (${files.length - changed - failed} already had the front matter their type needs)` : ''}.\n`,
  );
  if (outside.length) {
    process.stderr.write(
      `handbook adopt: ${outside.length} file${outside.length === 1 ? ' is' : 's are'} outside the content roots (${roots.join(', ')}), so neither the linter nor the site sees ${outside.length === 1 ? 'it' : 'them'} (e.g. ${outside[0]}): add ${path.posix.dirname(outside[0])} to roots in handbook.config.yaml\n`,
    );
  }
  if (changed && !opts.dryRun)
    process.stdout.write('Next: fill in each TODO, or record the remaining problems with "handbook lint --suppress-all" and work them off later.\n');
  return failed ? 1 : 0;
}
