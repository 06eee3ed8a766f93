/**
 * `handbook rename` end to end through the site build: rename a role of data/ in a copy of this repository, build
 * that copy for production, and find the redirect page at the moved page's old address.
 *
 * To keep it cheap the copy is built without the two plugins that only add cost here (the local search index and the
 * offline service worker) and without the rules in the build (HANDBOOK_LINT=off; the unit test lints the same rename).
 * Everything else is the site's own docusaurus.config.ts, including the redirects read from data/redirects.yaml and
 * `onBrokenLinks: 'throw'`, so a link the rename missed fails the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRedirects } from '../../plugins/lint/redirects';
import { repoCopy, roleWithPage } from '../rename-copy';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const SLIM_CONFIG = `// Written by tests/build/rename-redirect.test.ts: the site's config without search index and service worker.
import base from './docusaurus.config';
const skip = new Set(['@easyops-cn/docusaurus-search-local', '@docusaurus/plugin-pwa']);
const nameOf = (p: unknown) => (Array.isArray(p) ? p[0] : p);
export default { ...base, plugins: (base.plugins ?? []).filter((p) => !skip.has(String(nameOf(p)))) };
`;

/** The HTML file Docusaurus writes for a route (trailingSlash false: /a/b.html; otherwise /a/b/index.html). */
function pageFile(build: string, route: string): string | undefined {
  const rel = route.replace(/^\//, '');
  return [path.join(build, `${rel}.html`), path.join(build, rel, 'index.html')].find((f) => existsSync(f));
}

describe('handbook rename, then a production build', () => {
  let root: string;
  let cleanup: () => void;

  beforeAll(() => {
    ({ root, cleanup } = repoCopy());
  });
  afterAll(() => cleanup?.());

  it('the old address of the moved page is a redirect to the new one', () => {
    const { role } = roleWithPage(root);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_LINT: 'off' };
    const renamed = spawnSync(process.execPath, [CLI, 'rename', 'role', role, `${role}-renamed`], { cwd: root, encoding: 'utf8', env });
    expect(renamed.stderr).toBe('');
    expect(renamed.status).toBe(0);
    const redirects = readRedirects(root);
    expect(redirects.length).toBeGreaterThan(0);

    writeFileSync(path.join(root, 'docusaurus.rename-test.config.ts'), SLIM_CONFIG);
    const docusaurus = path.join(root, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');
    const build = spawnSync(process.execPath, [docusaurus, 'build', '--config', 'docusaurus.rename-test.config.ts', '--out-dir', 'build', '--no-minify'], {
      cwd: root,
      encoding: 'utf8',
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stderr.slice(-4000)}`);

    for (const { from, to } of redirects) {
      const target = pageFile(path.join(root, 'build'), to);
      expect(target, `a page at ${to}`).toBeDefined();
      const redirect = pageFile(path.join(root, 'build'), from);
      expect(redirect, `a redirect page at ${from}`).toBeDefined();
      const html = readFileSync(redirect!, 'utf8');
      expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${to}">`);
    }
  });
});
