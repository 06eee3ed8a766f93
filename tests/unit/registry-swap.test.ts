/**
 * An adopter changes the registries: the most severe level disappears (P0-P4 becomes P1-P4 in the sample) and a role
 * is renamed. Every place a reader would see a stale id (component properties, front matter references) must be a lint
 * error at that line, so neither `handbook lint` nor the site build (which runs the linter) passes with "[unknown ...]"
 * fragments on the pages. Which level and role change is read from data/, so the test follows any organisation.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { discoverFiles } from '../../plugins/lint/engine';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { loadProject } from '../../plugins/lint/load';
import type { FileResult } from '../../plugins/lint/types';

const REPO = path.resolve(__dirname, '../..');
const NOW = new Date('2026-11-23T12:00:00Z');
const COPY = ['handbook.config.yaml', 'data', 'schemas', 'docs', 'runbooks', 'incidents', 'monitoring', 'src/pages'];

let root: string;
let removedLevel: string;
let oldRole: string;
let newRole: string;
let results: FileResult[];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'handbook-swap-'));
  for (const rel of COPY) if (existsSync(path.join(REPO, rel))) cpSync(path.join(REPO, rel), path.join(root, rel), { recursive: true });

  const sevDoc = parseDocument(readFileSync(path.join(root, 'data/severity.yaml'), 'utf8'));
  const levels = sevDoc.get('levels') as any;
  removedLevel = levels.items[0].get('id');
  levels.items.shift();
  writeFileSync(path.join(root, 'data/severity.yaml'), sevDoc.toString());

  const rolesDoc = parseDocument(readFileSync(path.join(root, 'data/roles.yaml'), 'utf8'));
  const roles = rolesDoc.get('roles') as any;
  const last = roles.items[roles.items.length - 1];
  oldRole = last.get('id');
  newRole = `${oldRole}-renamed`;
  last.set('id', newRole);
  writeFileSync(path.join(root, 'data/roles.yaml'), rolesDoc.toString());

  const { project, dataProblems } = loadProject(root);
  results = await createLinter({ project: { project, dataProblems }, rules, now: NOW }).lintFiles();
}, 600_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Places a reader sees a stale id, found without the linter: component properties and front matter references. */
function stalePlaces(files: string[]): { file: string; line: number; text: string }[] {
  const level = new RegExp(`\\b(level|severity)="${escape(removedLevel)}"`);
  const role = new RegExp(`\\brole="${escape(oldRole)}"`);
  const fmKeys = /^(severity|severities|role|roles)\s*:\s*(.*)$/;
  const stale = new RegExp(`(^|[\\s\\[,"'])(${escape(removedLevel)}|${escape(oldRole)})($|[\\s\\],"'])`);
  const out: { file: string; line: number; text: string }[] = [];
  for (const abs of files) {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const lines = readFileSync(abs, 'utf8').split('\n');
    let inFm = lines[0] === '---';
    let key: string | undefined;
    let fence: string | undefined;
    lines.forEach((text, i) => {
      if (i === 0 && inFm) return;
      if (inFm) {
        if (text === '---') {
          inFm = false;
          return;
        }
        const top = /^([A-Za-z_]+)\s*:(.*)$/.exec(text);
        if (top) {
          key = top[1];
          const m = fmKeys.exec(text);
          if (m && stale.test(m[2])) out.push({ file: rel, line: i + 1, text });
        } else if (key && fmKeys.test(`${key}:`) && /^\s+-\s/.test(text) && stale.test(text.replace(/^\s+-\s*/, ' '))) {
          out.push({ file: rel, line: i + 1, text });
        }
        return;
      }
      const f = /^\s*(`{3,}|~{3,})/.exec(text);
      if (f) fence = fence ? (f[1][0] === fence[0] ? undefined : fence) : f[1];
      if (fence) return;
      const prose = text.replace(/`[^`]*`/g, ''); // inline code is an example, not a component
      if (level.test(prose) || role.test(prose)) out.push({ file: rel, line: i + 1, text: text.trim() });
    });
  }
  return out;
}

describe('a changed severity scale and a renamed role', () => {
  it('the scale really changed', () => {
    expect(removedLevel).toBeTruthy();
    expect(oldRole).not.toBe(newRole);
  });

  it('lints with an error at every place that must change', async () => {
    const { project } = loadProject(root);
    const places = stalePlaces(await discoverFiles(project));
    // The sample handbook refers to every level and role somewhere; an empty list would prove nothing.
    expect(places.length).toBeGreaterThan(0);
    const errorsAt = new Set(results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.relPath}:${m.line}`)));
    const missed = places.filter((p) => !errorsAt.has(`${p.file}:${p.line}`)).map((p) => `${p.file}:${p.line}  ${p.text}`);
    expect(missed).toEqual([]);
  });

  it('names the stale ids and the ids that exist now', () => {
    const messages = results.flatMap((r) => r.messages.map((m) => m.message));
    expect(messages.some((m) => m.startsWith(`Unknown severity "${removedLevel}" in <`))).toBe(true);
    expect(messages.some((m) => m.startsWith(`Unknown role "${oldRole}" in `) && m.includes(newRole))).toBe(true);
  });
});
