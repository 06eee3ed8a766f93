/**
 * @incident-handbook/lint as another organisation installs it: npm pack, npm install of the tarball into a fresh
 * Docusaurus site in a temporary folder (offline; Docusaurus itself is taken from this repository's node_modules),
 * handbook init, the remark plugin in the site's config, and a build that fails on a broken document with file:line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const PKG = path.join(REPO, 'plugins/lint');
let work: string;
let site: string;
let tarball: string;

const GOOD = `---
title: Welcome
type: reference
---

## About this site

This page describes how the team answers incidents on the website.
`;
const BROKEN = `---
title: Escalation
type: reference
---

## Who to call

Escalate to the duty manager. TODO: add the rota.
`;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'handbook-pkg-'));
  execFileSync(process.execPath, [path.join(PKG, 'build.mjs')], { stdio: 'ignore' });
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], PKG);
  expect(packed.code).toBe(0);
  tarball = path.join(work, (JSON.parse(packed.out) as { filename: string }[])[0].filename);
  site = path.join(work, 'site');
  mkdirSync(path.join(site, 'docs'), { recursive: true });
  writeFileSync(path.join(site, 'package.json'), JSON.stringify({ name: 'other-site', private: true, type: 'module' }, null, 2));
  writeFileSync(path.join(site, 'docs/intro.md'), GOOD);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('contains the compiled code, the default schemas and the docs only', () => {
    const files = run('tar', ['-tzf', tarball], work).out.split('\n').filter(Boolean).sort();
    expect(files.every((f) => /^package\/(dist\/|README\.md$|CHANGELOG\.md$|package\.json$)/.test(f))).toBe(true);
    for (const f of ['package/dist/index.js', 'package/dist/cli.js', 'package/dist/worker.mjs', 'package/dist/schemas/runbook.schema.json'])
      expect(files).toContain(f);
    expect(files.some((f) => f.endsWith('.ts'))).toBe(false);
  });

  it('installs into a fresh site offline, and handbook init + lint work there', () => {
    const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], site);
    expect(installed.err).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
    const bin = path.join(site, 'node_modules/.bin/handbook');
    expect(existsSync(bin)).toBe(true);
    const init = run(bin, ['init'], site);
    expect(init).toMatchObject({ code: 0 });
    expect(init.out).toContain('Wrote handbook.config.yaml, data/teams.yaml, data/services.yaml.');
    expect(run(bin, ['lint'], site)).toMatchObject({ code: 0, out: '✔ 1 file checked, no problems\n' });
    writeFileSync(path.join(site, 'docs/escalation.md'), BROKEN);
    const lint = run(bin, ['lint', 'docs/escalation.md'], site);
    expect(lint.code).toBe(1);
    expect(lint.out).toContain('8:31     error    Placeholder "TODO" left in the document: replace it with the real content  no-placeholders');
  });

  it('fails the Docusaurus build of that site on the broken document, with file:line', () => {
    // Docusaurus and React come from this repository (no network here): link them into the site's node_modules.
    for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
      const target = path.join(site, 'node_modules', name);
      if (name.startsWith('.') || existsSync(target)) continue;
      symlinkSync(path.join(REPO, 'node_modules', name), target);
    }
    for (const name of readdirSync(path.join(REPO, 'node_modules/@docusaurus'))) {
      const target = path.join(site, 'node_modules/@docusaurus', name);
      if (!existsSync(target)) {
        mkdirSync(path.dirname(target), { recursive: true });
        symlinkSync(path.join(REPO, 'node_modules/@docusaurus', name), target);
      }
    }
    writeFileSync(
      path.join(site, 'docusaurus.config.mjs'),
      `import { createLinter, rules, remarkHandbook, docusaurusParseFrontMatter } from '@incident-handbook/lint';

const linter = createLinter({ root: process.cwd(), rules });

export default {
  title: 'Another site',
  url: 'https://example.com',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  markdown: { parseFrontMatter: docusaurusParseFrontMatter },
  presets: [['classic', { docs: { routeBasePath: '/docs', sidebarPath: false, beforeDefaultRemarkPlugins: [[remarkHandbook, { linter, failOnError: true }]] }, blog: false, pages: false }]],
};
`,
    );
    const build = run(process.execPath, [path.join(REPO, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', '--out-dir', 'build'], site, {
      NODE_ENV: 'production',
    });
    const output = build.out + build.err;
    expect(build.code, output.slice(-4000)).not.toBe(0);
    expect(output).toContain('handbook lint failed for docs/escalation.md:');
    expect(output).toContain('docs/escalation.md:8:31  error  Placeholder "TODO" left in the document: replace it with the real content  (no-placeholders)');
  });
});
