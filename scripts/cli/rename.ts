/** `handbook rename <kind> <old> <new>`: rename a severity, role, team or service id everywhere, moving pages with redirects. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { readForEdit, writeAtomic } from '../../plugins/lint/edit-file';
import { relativePath } from '../../plugins/lint/engine';
import { packageSchemasDir } from '../../plugins/lint/load';
import { formatRedirects, readRedirects, REDIRECTS_FILE, type Redirect } from '../../plugins/lint/redirects';
import { referenceKeys } from '../../plugins/lint/reference-keys';
import { planRename, RenameError, type TextFile } from '../../plugins/lint/rename';
import { UsageError } from './errors';
import { openLinter, openProject } from './project';

export interface RenameOpts {
  dryRun?: boolean;
}

function tracked(root: string, rel: string): boolean {
  const r = spawnSync('git', ['-C', root, 'ls-files', '--error-unmatch', '--', rel], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0;
}

function move(root: string, from: string, to: string): 'git mv' | 'moved' {
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  if (tracked(root, from)) {
    const r = spawnSync('git', ['-C', root, 'mv', '--', from, to], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status === 0) return 'git mv';
    process.stderr.write(`handbook rename: git mv ${from} ${to} failed (${(r.stderr || '').trim()}); moving the file instead\n`);
  }
  renameSync(path.join(root, from), path.join(root, to));
  return 'moved';
}

const lineList = (lines: number[]) => (lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 12).join(', ')}${lines.length > 12 ? ', ...' : ''}`);

export async function renameCommand(kind: string, from: string, to: string, opts: RenameOpts): Promise<number> {
  const loaded = openProject();
  const { project } = loaded;
  const root = project.root;
  const read = (rel: string): TextFile | undefined => {
    const r = readForEdit(path.join(root, rel), project.config.max_file_size);
    if (!r.ok) {
      process.stderr.write(`handbook rename: ${rel}: not read: ${r.message}\n`);
      return undefined;
    }
    return { path: rel, text: r.text };
  };
  const documents = (await openLinter({ project: loaded, summaryCache: false }).files())
    .map((abs) => read(relativePath(project, abs)))
    .filter((f): f is TextFile => f !== undefined);
  const dataPaths = await glob(['data/**/*.{yaml,yml}', ...project.config.alert_rules], { cwd: root, onlyFiles: true, followSymbolicLinks: false, dot: false });
  const dataFiles = dataPaths
    .sort()
    .map(read)
    .filter((f): f is TextFile => f !== undefined);
  let redirects: Redirect[];
  try {
    redirects = readRedirects(root);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const schemas = existsSync(path.join(root, 'schemas')) ? path.join(root, 'schemas') : packageSchemasDir();
  let plan;
  try {
    plan = planRename({
      project,
      kind,
      from,
      to,
      documents,
      dataFiles,
      redirects,
      referenceKeys: schemas ? referenceKeys(schemas) : new Map(),
      exists: (rel) => existsSync(path.join(root, rel)),
    });
  } catch (e) {
    if (e instanceof RenameError) throw new UsageError(`rename: ${e.message}`);
    throw e;
  }

  const out = process.stdout;
  out.write(`${opts.dryRun ? 'Would rename' : 'Renaming'} ${plan.kind} "${plan.from}" to "${plan.to}":\n`);
  for (const c of plan.changes) out.write(`  ${c.path}: ${lineList(c.lines)}\n`);
  for (const m of plan.moves) out.write(`  move ${m.from} -> ${m.to}\n`);
  for (const r of plan.redirects?.added ?? []) out.write(`  redirect ${r.from} -> ${r.to} (${REDIRECTS_FILE})\n`);
  for (const m of plan.manual)
    process.stderr.write(`handbook rename: ${m.path}:${m.line}: the link "${m.url}" points at a moved page but could not be rewritten: fix it by hand\n`);

  if (opts.dryRun) {
    out.write(
      `Would change ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'}, move ${plan.moves.length}, add ${plan.redirects?.added.length ?? 0} redirect${plan.redirects?.added.length === 1 ? '' : 's'}. Nothing was written (--dry-run).\n`,
    );
    return 0;
  }
  for (const c of plan.changes) writeAtomic(path.join(root, c.path), c.after, c.before);
  const how = plan.moves.map((m) => move(root, m.from, m.to));
  if (plan.redirects) {
    const abs = path.join(root, REDIRECTS_FILE);
    const current = existsSync(abs) ? readForEdit(abs, project.config.max_file_size) : undefined;
    const before = current?.ok ? current.text : undefined;
    writeAtomic(abs, formatRedirects(plan.redirects.list, before), before);
  }
  const gitMoves = how.filter((h) => h === 'git mv').length;
  out.write(
    `Changed ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'}, moved ${plan.moves.length}${gitMoves ? ` (git mv)` : ''}, added ${plan.redirects?.added.length ?? 0} redirect${plan.redirects?.added.length === 1 ? '' : 's'}. Run "handbook lint" to check the result.\n`,
  );
  return plan.manual.length ? 1 : 0;
}
