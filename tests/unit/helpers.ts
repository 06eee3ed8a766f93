/** Test helpers: lint in-memory documents against the fixture project (tests/fixtures/project). */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from '../../plugins/lint/linter';
import { loadProject, type LoadedProject } from '../../plugins/lint/load';
import { rules } from '../../plugins/lint/rules/index';
import type { Level, LintMessage, RuleInput, RuleSetting } from '../../plugins/lint/types';

export const FIXTURE = path.resolve(__dirname, '../fixtures/project');
export const NOW = new Date('2026-11-23T12:00:00Z');

let cached: LoadedProject | undefined;
export function fixtureProject(): LoadedProject {
  cached ??= loadProject(FIXTURE);
  return cached;
}

/** Lints `target` among `files` (relative path -> text) and returns its messages as [line, column, message] for one rule. */
export async function lintDocs(
  files: Record<string, string>,
  target: string,
  opts: { rule?: string; now?: Date; ruleLevels?: Record<string, Level>; rules?: readonly RuleInput[]; project?: LoadedProject } = {},
) {
  const linter = createLinter({
    project: opts.project ?? fixtureProject(),
    rules: opts.rules ?? rules,
    files,
    now: opts.now ?? NOW,
    ruleLevels: opts.ruleLevels,
    workers: 0,
  });
  const result = await linter.lintText(target, files[target]);
  return result.messages.filter((m) => !opts.rule || m.ruleId === opts.rule);
}

export const brief = (ms: LintMessage[]) => ms.map((m) => [m.line, m.column, m.message]);
export const withSeverity = (ms: LintMessage[]) => ms.map((m) => [m.line, m.column, m.severity === 2 ? 'error' : 'warn', m.message]);

/** The fixture project with one rule set to `[level, options]` (as `rules: { id: [level, options] }` would). */
export function fixtureWithRule(id: string, setting: RuleSetting): LoadedProject {
  const base = fixtureProject();
  const config = { ...base.project.config, rules: { ...base.project.config.rules, [id]: setting } };
  return { ...base, project: { ...base.project, config } };
}

/** A copy of the fixture project in a temp folder, with some files replaced. */
export function projectWith(changes: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-'));
  cpSync(FIXTURE, root, { recursive: true, dereference: true });
  for (const [rel, text] of Object.entries(changes)) writeFileSync(path.join(root, rel), text);
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The project rules' findings (data problems excluded) in `root`, with in-memory documents, as messages by file. */
export function projectMessages(root: string, files: Record<string, string> = {}) {
  const loaded = loadProject(root);
  return {
    loaded,
    run: async () => {
      const linter = createLinter({ project: { ...loaded, dataProblems: [] }, rules, files, now: NOW, workers: 0 });
      return new Map((await linter.projectResults()).map((r) => [r.relPath, r.messages]));
    },
  };
}

/** A runbook that passes every rule; tests change one thing at a time. */
export function runbook(overrides: { fm?: string; body?: string } = {}): string {
  const fm =
    overrides.fm ??
    `title: Database connection failure
type: runbook
owner: data-platform
last_reviewed: 2026-10-01
review_every: 90d
services: [orders-db]
severities: [P1, P2]
alerts: [DbConnectionsExhausted]`;
  const body = overrides.body ?? RUNBOOK_BODY;
  return `---\n${fm}\n---\n\n${body}`;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
export const RUNBOOK_BODY = [
  'First 5 minutes',
  'Overview',
  'Symptoms',
  'Impact',
  'Diagnosis',
  'Mitigation',
  'Rollback and recovery',
  'Escalation',
  'Communication',
  'References',
]
  .map((t) => `## ${t}\n\n${words(20)}.\n`)
  .join('\n');

/** Where incidentRecord() lives: incident file names start with the incident id. */
export const INCIDENT_PATH = 'incidents/2026/INC-0042-checkout-errors.md';

/** An incident record that passes every rule; `fm` adds front matter lines. Tests change one thing at a time. */
export function incidentRecord(fm = ''): string {
  return `---
title: Checkout errors for all customers
type: incident
id: INC-0042
incident_type: service-outage
severity: P1
severity_history:
  - {at: "2026-11-20T10:00:00Z", severity: P2}
  - {at: "2026-11-20T10:10:00Z", severity: P1}
status: investigating
services: [checkout, public-api]
owner: payments
roles:
  incident-commander: "@grace"
  scribe: "@omar"
detected_at: "2026-11-20T10:00:00Z"
${fm}---

## Summary

Checkout returned errors for every customer in every region for forty minutes today.

## Timeline

- 10:00 detected by an alert on the checkout error rate.
`;
}

/** A procedure that passes every rule; `fm` adds front matter lines (they start at line 7). */
export function procedure(fm = ''): string {
  return `---
title: Declare an incident
type: procedure
owner: incident-programme
last_reviewed: 2026-10-01
review_every: 180d
${fm}---

## Purpose

${words(12)}.

## When to use

${words(8)}.

## Steps

${words(20)}.
`;
}

/** A reference page with no problems, for runs that mix good and bad files. */
export const OK = `---
title: A fine reference page
type: reference
---

## Hello

This page is fine and has no problems at all.
`;
