/** `handbook init` into an existing Docusaurus site that has no handbook yet (an empty docs folder). */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initCommand } from '../../plugins/lint/init';
import { createLinter } from '../../plugins/lint/linter';
import { loadProject } from '../../plugins/lint/load';
import { rules } from '../../plugins/lint/rules/index';
import { UsageError } from '../../scripts/cli/errors';
import { NOW } from './helpers';

const SITE_CONFIG = `export default {
  title: 'Status site',
  url: 'https://example.com',
  baseUrl: '/',
  presets: [['classic', { docs: { path: 'docs', routeBasePath: '/docs' }, blog: false }]],
};
`;

/**
 * Installed, the package brings its default schemas (dist/schemas); run from source it has none, so the tests put
 * this repository's schemas where the site's own would go. The package test (tests/package) covers the installed case.
 */
function withSchemas(site: string): void {
  cpSync(path.resolve(__dirname, '../../schemas'), path.join(site, 'schemas'), { recursive: true });
}

describe('handbook init in an existing, empty Docusaurus site', () => {
  let site: string;
  let out: string;

  beforeEach(() => {
    site = mkdtempSync(path.join(tmpdir(), 'handbook-init-'));
    writeFileSync(path.join(site, 'package.json'), JSON.stringify({ name: 'status-site', private: true }));
    writeFileSync(path.join(site, 'docusaurus.config.js'), SITE_CONFIG);
    mkdirSync(path.join(site, 'docs'));
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(site, { recursive: true, force: true });
  });

  it('writes a config whose roots are the docs folder, and registries the linter loads; the empty site lints clean', async () => {
    expect(await initCommand(site, {})).toBe(0);
    expect(out).toBe('Wrote handbook.config.yaml, data/teams.yaml, data/services.yaml.\nContent roots: docs/ (0 entries). Next: npx handbook lint\n');
    expect(readFileSync(path.join(site, 'docusaurus.config.js'), 'utf8')).toBe(SITE_CONFIG);
    withSchemas(site);
    const loaded = loadProject(site);
    expect(loaded.dataProblems).toEqual([]);
    expect(loaded.project.config.roots).toEqual([{ path: 'docs', route: '/docs' }]);
    const linter = createLinter({ project: loaded, rules, now: NOW, workers: 0 });
    expect(await linter.lintFiles()).toEqual([]);
  });

  it("a first document that links to the site's static files and pages lints clean", async () => {
    await initCommand(site, {});
    withSchemas(site);
    mkdirSync(path.join(site, 'static/img'), { recursive: true });
    writeFileSync(path.join(site, 'static/img/flow.png'), 'x');
    mkdirSync(path.join(site, 'src/pages'), { recursive: true });
    writeFileSync(path.join(site, 'src/pages/status.js'), 'export default () => null;\n');
    const doc =
      '---\ntitle: How we answer incidents\ntype: reference\n---\n\n## Where to look\n\nThe [status page](/status) and the [flow](/img/flow.png) come first.\n';
    writeFileSync(path.join(site, 'docs/intro.md'), doc);
    const linter = createLinter({ project: loadProject(site), rules, now: NOW, workers: 0 });
    const [result] = await linter.lintFiles();
    expect(result.relPath).toBe('docs/intro.md');
    expect(result.messages).toEqual([]);
  });

  it('refuses to overwrite without --force, and says what to do where there is no docs folder', async () => {
    await initCommand(site, {});
    await expect(initCommand(site, {})).rejects.toThrow(
      new UsageError('handbook.config.yaml, data/teams.yaml, data/services.yaml already exist: nothing was written (use --force to overwrite)'),
    );
    expect(await initCommand(site, { force: true })).toBe(0);
    rmSync(path.join(site, 'docs'), { recursive: true });
    await expect(initCommand(site, { force: true })).rejects.toThrow(
      /^no docs folder here: run handbook init in the site folder, or name the content folders with --docs$/,
    );
    expect(existsSync(path.join(site, 'handbook.config.yaml'))).toBe(true);
  });
});
