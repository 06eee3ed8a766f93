import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptText, headingsOf, inferType } from '../../plugins/lint/adopt';
import { parseFrontMatter } from '../../plugins/lint/frontmatter';
import { scaffoldFor } from '../../plugins/lint/scaffold';
import { SUPPRESSIONS_FILE } from '../../plugins/lint/suppressions';
import { fixtureProject, NOW, projectWith } from './helpers';

const CORPUS = path.resolve(__dirname, '../fixtures/adopt-corpus');
const project = () => fixtureProject().project;

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

describe('adoptText', () => {
  const body = '# Redis failover\n\nSome text.\n\n```sh\n# not a heading\n```\n\n### Steps\n\n- [ ] one\n';

  it('adds the front matter the type needs and leaves the body byte for byte', () => {
    const r = adoptText(project(), 'runbooks/old/redis.md', body, { type: 'runbook', now: NOW });
    expect(r.changed).toBe(true);
    expect(r.typeSource).toBe('option');
    const fm = parseFrontMatter(r.text);
    expect(r.text.endsWith(`---\n\n${body}`)).toBe(true);
    expect(r.text.split('---\n\n')[0].split('\n').length).toBe(fm.lineCount);
    const required = scaffoldFor(project(), 'runbook', NOW)!.requiredKeys;
    expect(r.added).toEqual(required);
    expect(fm.data.title).toBe('Redis failover');
    expect(fm.data.type).toBe('runbook');
    expect(fm.data.owner).toBe('TODO');
    expect(fm.data.last_reviewed).toBe('TODO');
  });

  it('is idempotent', () => {
    const once = adoptText(project(), 'runbooks/old/redis.md', body, { type: 'runbook', now: NOW });
    const twice = adoptText(project(), 'runbooks/old/redis.md', once.text, { type: 'procedure', now: NOW });
    expect(twice).toMatchObject({ changed: false, text: once.text, type: 'runbook', typeSource: 'front matter', added: [] });
  });

  it('appends only the missing keys to existing front matter, keeping its lines and comments', () => {
    const text = '---\n# kept comment\ntitle: "Cache: eviction"\nowner: payments\n---\n\nBody.\n';
    const r = adoptText(project(), 'docs/x.md', text, { type: 'procedure', now: NOW });
    expect(r.text.startsWith('---\n# kept comment\ntitle: "Cache: eviction"\nowner: payments\n')).toBe(true);
    expect(r.added).toEqual(['type', 'last_reviewed', 'review_every']);
    expect(r.text.endsWith('---\n\nBody.\n')).toBe(true);
    expect(parseFrontMatter(r.text).data).toMatchObject({ title: 'Cache: eviction', owner: 'payments', type: 'procedure' });
  });

  it('keeps CRLF line endings and a byte order mark as they were', () => {
    const r = adoptText(project(), 'docs/x.md', '\uFEFF# Title here\r\n\r\nText.\r\n', { now: NOW });
    expect(r.text.startsWith('\uFEFF---\r\ntitle: Title here\r\n')).toBe(true);
    expect(r.text.endsWith('---\r\n\r\n# Title here\r\n\r\nText.\r\n')).toBe(true);
  });

  it('leaves broken front matter and unknown types alone, saying why', () => {
    expect(adoptText(project(), 'docs/x.md', '---\ntitle: [unclosed\n---\n', {}).problem).toMatch(
      /^line \d+: Front matter is not valid YAML.*; fix the front matter by hand, then run adopt again$/,
    );
    expect(adoptText(project(), 'docs/x.md', '---\ntype: wiki\n---\n', {}).problem).toMatch(
      /^its type "wiki" is not one of runbook, .*; correct it, then run adopt again$/,
    );
  });

  it('infers the type from folder names, then from headings, else a reference page', () => {
    expect(inferType(project(), 'docs/ops/playbooks/x.md', '')).toEqual({ type: 'runbook', source: 'folder' });
    expect(inferType(project(), 'docs/wiki/2024-retros/x.md', '')).toEqual({ type: 'postmortem', source: 'folder' });
    expect(inferType(project(), 'docs/wiki/post-mortems/x.md', '')).toEqual({ type: 'postmortem', source: 'folder' });
    expect(inferType(project(), 'docs/wiki/readme.md', '')).toEqual({ type: 'reference', source: 'folder' });
    expect(inferType(project(), 'docs/wiki/x.md', '## Root cause\n\n## Action items\n')).toEqual({ type: 'postmortem', source: 'headings' });
    expect(inferType(project(), 'docs/wiki/x.md', '## Symptoms\n\n## Mitigation\n')).toEqual({ type: 'runbook', source: 'headings' });
    expect(inferType(project(), 'docs/wiki/x.md', '## Notes\n')).toEqual({ type: 'reference', source: 'default' });
  });

  it('reads headings outside code fences only, as plain text', () => {
    expect(headingsOf('# A **bold** [link](x.md) `code`\n\n```\n# no\n```\n\n## B ##\n')).toEqual([
      [1, 'A bold link code'],
      [2, 'B'],
    ]);
  });
});

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const ENV = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_NOW: '2026-11-23' };
  delete env.FORCE_COLOR;
  return env;
})();

describe('adopting a folder of third-party runbooks in two commands', { timeout: 300_000 }, () => {
  let root: string;
  let cleanup: () => void;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: ENV });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const LEGACY = 'runbooks/legacy';
  const originals = new Map<string, string>();

  /** The team trusts its dashboard host: listed in handbook.config.yaml, where mdx-safety reads it (reviewed like code). */
  const EMBEDS = '  mdx-safety: [error, {embed_hosts: [grafana.example.com]}]\n';
  const config = () => path.join(root, 'handbook.config.yaml');

  beforeAll(() => {
    ({ root, cleanup } = projectWith({}));
    writeFileSync(config(), readFileSync(config(), 'utf8').replace(/^rules:\n/m, `rules:\n${EMBEDS}`));
    cpSync(CORPUS, path.join(root, LEGACY), { recursive: true });
    for (const f of walk(path.join(root, LEGACY))) originals.set(f, readFileSync(path.join(root, LEGACY, f), 'utf8'));
  });
  afterAll(() => cleanup?.());

  it('fails as dropped in; adopt + lint --suppress-all make it green; the bodies are untouched', () => {
    expect(run('lint').code).toBe(1);
    const adopted = run('adopt', LEGACY);
    expect(adopted.err).toBe('');
    expect(adopted.code).toBe(0);
    expect(adopted.out).toContain('Adopted 6 of 6 files.\n');
    expect(adopted.out).toContain(`${LEGACY}/postmortems/2025-03-cache-outage.md: postmortem (from its folder); added title, type, `);
    for (const [f, text] of originals) {
      const now = readFileSync(path.join(root, LEGACY, f), 'utf8');
      if (!f.endsWith('.md')) expect(now).toBe(text);
      else expect(now.endsWith(`---\n\n${text}`) && parseFrontMatter(now).content === `\n${text}`).toBe(true);
    }
    expect(run('lint', '--suppress-all').code).toBe(0);
    const green = run('lint');
    expect(green.code).toBe(0);
    expect(green.out).toMatch(/no problems/);
    // Running adopt again changes nothing.
    expect(run('adopt', LEGACY).out).toBe('Adopted 0 of 6 files (6 already had the front matter their type needs).\n');
  });

  it('security findings are never suppressed: an embed from a host nobody listed fails until the config lists it', () => {
    const listed = readFileSync(config(), 'utf8');
    writeFileSync(config(), listed.replace(EMBEDS, ''));
    try {
      const r = run('lint', '--format', 'json');
      expect(r.code).toBe(1);
      const found = JSON.parse(r.out).flatMap((x: { messages: { ruleId: string; message: string }[] }) => x.messages);
      expect(found.map((m: { ruleId: string }) => m.ruleId)).toEqual(['mdx-safety']);
      expect(found[0].message).toMatch(/^<iframe> from "grafana\.example\.com" is not allowed: no embed hosts are configured/);
      expect(run('lint', '--suppress-all').code).toBe(1);
    } finally {
      writeFileSync(config(), listed);
    }
    expect(run('lint').code).toBe(0);
  });

  it('after which a new problem fails', () => {
    const file = path.join(root, LEGACY, 'procedures/db-failover.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('## After', '## After\n\nSee the [runbook index](../missing-index.md).'));
    const r = run('lint', '--format', 'json');
    expect(r.code).toBe(1);
    const messages = JSON.parse(r.out).flatMap((x: { messages: { ruleId: string; message: string }[] }) => x.messages);
    expect(messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['link-integrity', 'link-integrity']);
    writeFileSync(file, before);
  });

  it('a fixed problem asks for pruning, and --prune-suppressions records it', () => {
    const file = path.join(root, LEGACY, 'README.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('- [Escalation policy](on-call/escalation.md)\n', ''));
    const r = run('lint');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`(e.g. ${LEGACY}/README.md: link-integrity suppressed 1, found 0)`);
    expect(run('lint', '--prune-suppressions').code).toBe(0);
    const s = JSON.parse(readFileSync(path.join(root, SUPPRESSIONS_FILE), 'utf8'));
    expect(s[`${LEGACY}/README.md`]['link-integrity']).toBeUndefined();
    expect(run('lint').code).toBe(0);
  });

  it('--fix then repairs what needs no judgement, and the suppressions file shows what it fixed', () => {
    const r = run('lint', '--fix');
    expect(r.err).toMatch(/handbook: Fixed \d+ problems in 6 files \(headings \d+, sections \d+, links 3\)\./);
    expect(readFileSync(path.join(root, LEGACY, 'database/connection-storm.md'), 'utf8')).toContain(
      '[failover procedure](../procedures/db-failover.md#before-you-start)',
    );
    expect(readFileSync(path.join(root, LEGACY, 'database/replica-lag.md'), 'utf8')).toContain('\n## Checks\n');
    // Fewer problems than suppressed: the run asks for pruning, as after any fix.
    expect(r.err).toContain('run "handbook lint --prune-suppressions"');
  });
});
