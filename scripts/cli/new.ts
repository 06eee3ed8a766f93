/** `handbook new <type> <name>`: a document that passes every rule except no-placeholders on the parts a person must write. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { stringify } from 'yaml';
import { checkText, folderInside } from './args';
import { scaffoldFor, sectionText } from '../../plugins/lint/scaffold';
import { UsageError } from './errors';
import { openProject } from './project';

const FOLDERS: Record<string, [string, string]> = {
  runbook: ['runbooks', '.md'],
  postmortem: [`incidents/${new Date().getUTCFullYear()}`, '.md'],
  incident: ['incidents', '.md'],
  'training-module': ['docs/training', '.mdx'],
  exercise: ['docs/exercises', '.mdx'],
  role: ['docs/roles', '.mdx'],
  evidence: ['docs/evidence', '.md'],
};

export async function newCommand(type: string, name: string, opts: { dir?: string }): Promise<number> {
  const { project } = openProject();
  name = checkText(name, 'the document name', 120);
  if (type === 'incident')
    throw new UsageError('incident records get their id and timestamps from "handbook incident open --title ... --severity ... --type ... --services ..."');
  const schemaRel = project.config.types[type];
  if (!schemaRel) throw new UsageError(`unknown document type "${type}": use one of ${Object.keys(project.config.types).join(', ')}`);
  const scaffold = scaffoldFor(project, type)!;
  const fm: Record<string, unknown> = {};
  for (const key of scaffold.requiredKeys) fm[key] = key === 'title' ? name.trim() : scaffold.valueFor(key);
  const body = scaffold.sections.map((s) => sectionText(s, type)).join('\n');
  const [folder, ext] = FOLDERS[type] ?? ['docs', '.md'];
  const dir = folderInside(project.root, opts.dir ?? folder, opts.dir !== undefined ? '--dir' : 'the folder');
  const slug = new GithubSlugger().slug(name) || 'untitled';
  const file = path.join(dir, `${slug}${ext}`);
  if (existsSync(file)) throw new UsageError(`${path.relative(process.cwd(), file)} already exists: choose another name or edit that file`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `---\n${stringify(fm, { lineWidth: 0 })}---\n\n${body || 'TODO: write this document.\n'}`, { flag: 'wx' });
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\nFill in every TODO, then run: npx handbook lint ${path.relative(project.root, file)}\n`);
  return 0;
}
