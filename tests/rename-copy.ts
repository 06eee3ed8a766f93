/** A throwaway copy of this repository (without node_modules, builds and caches) for tests that change it. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseFrontMatter } from '../plugins/lint/frontmatter';

export const REPO = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'build', '.docusaurus', '.handbook-cache', 'dist', 'bench', 'tests']);

export function repoCopy(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-rename-'));
  for (const name of readdirSync(REPO)) {
    if (SKIP.has(name)) continue;
    cpSync(path.join(REPO, name), path.join(root, name), { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: root, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'copy');
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A role of data/roles.yaml whose page is docs/<folder>/<role id>.md(x) with `role: <id>` in its front matter. */
export function roleWithPage(root: string): { role: string; page: string } {
  const roles = (parse(readFileSync(path.join(root, 'data/roles.yaml'), 'utf8')) as { roles: { id: string }[] }).roles.map((r) => r.id);
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.mdx?$/.test(e.name)) pages.push(rel);
    }
  };
  walk('docs');
  for (const role of roles) {
    const page = pages.find(
      (p) => path.posix.basename(p).replace(/\.mdx?$/, '') === role && parseFrontMatter(readFileSync(path.join(root, p), 'utf8')).data.role === role,
    );
    if (page) return { role, page };
  }
  throw new Error('no role in data/roles.yaml has a page named after it');
}
