/**
 * `handbook init`: makes an existing Docusaurus site lintable. Writes handbook.config.yaml (its docs folders as content
 * roots, the package's document types) and minimal data registries; the schemas come from the package.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../scripts/cli/errors';
import { DOC_TYPES } from './doc-types';

/** The smallest registries documents can refer to; add severities, roles and the rest as the handbook grows. */
const REGISTRIES: Record<string, string> = {
  'teams.yaml': `# Teams that own documents and services (owner: <id>).
teams:
  - id: operations
    name: Operations
    description: Runs the site and answers its incidents.
`,
  'services.yaml': `# Services documents refer to (services: [<id>]).
services:
  - id: website
    name: Website
    owner: operations
    tier: 1
    description: The public website.
`,
};

function contentRoots(root: string, given?: string): { path: string; route: string }[] {
  const folders = given
    ? given
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ['docs'].filter((d) => existsSync(path.join(root, d)));
  if (!folders.length) throw new UsageError('no docs folder here: run handbook init in the site folder, or name the content folders with --docs');
  return folders.map((f, i) => ({ path: f.replace(/\/$/, ''), route: i === 0 ? '/docs' : `/${f}` }));
}

export async function initCommand(root: string, opts: { docs?: string; force?: boolean }): Promise<number> {
  if (!existsSync(path.join(root, 'package.json'))) throw new UsageError(`${root} has no package.json: run handbook init in the site's folder`);
  const roots = contentRoots(root, opts.docs);
  const config = `# Configuration of the handbook linter. Schemas named here come from @incident-handbook/lint unless schemas/
# in this site has a file of the same name.
roots:
${roots.map((r) => `  - {path: ${r.path}, route: ${r.route}}`).join('\n')}

# The built-in document types (${DOC_TYPES.join(', ')}) are always known;
# add your own with  types: {name: schemas/name.schema.json}

# Per rule: off | warn | error, or [level, options].
rules: {}

docs_url: https://github.com/incident-handbook/incident-handbook/blob/main/docs/linter/rules
`;
  const writes: [string, string][] = [['handbook.config.yaml', config], ...Object.entries(REGISTRIES).map(([f, t]) => [`data/${f}`, t] as [string, string])];
  const existing = writes.filter(([f]) => existsSync(path.join(root, f))).map(([f]) => f);
  if (existing.length && !opts.force)
    throw new UsageError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written (use --force to overwrite)`);
  mkdirSync(path.join(root, 'data'), { recursive: true });
  for (const [f, t] of writes) writeFileSync(path.join(root, f), t);
  const docs = roots.map((r) => `${r.path}/ (${readdirSync(path.join(root, r.path)).length} entries)`).join(', ');
  process.stdout.write(`Wrote ${writes.map(([f]) => f).join(', ')}.\nContent roots: ${docs}. Next: npx handbook lint\n`);
  return 0;
}
