import { rmSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectWith } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const doc = (title: string, controls: string[]) => `---
title: ${title}
type: reference
controls: [${controls.join(', ')}]
---

## About

This document covers the controls it lists in its front matter for the coverage test.
`;
const evidence = `---
title: Tabletop run 2026-10-01
type: evidence
kind: exercise
date: 2026-10-01
owner: incident-programme
participants: [{role: incident-commander, handle: "@grace"}]
findings: [The escalation timeline was followed]
follow_ups: []
controls: [soc2:CC7.4]
---

## Summary

We ran the database failover tabletop with the incident commander rotation and two responders from SRE.

## Findings

The team declared the incident on time and escalated to the data platform team correctly.

## Follow-ups

None were needed this time.
`;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const p = projectWith({});
  cleanup = p.cleanup;
  const root = p.root;
  mkdirSync(path.join(root, 'docs/security'), { recursive: true });
  mkdirSync(path.join(root, 'docs/evidence'), { recursive: true });
  writeFileSync(path.join(root, 'docs/plan.md'), doc('Incident response plan', ['soc2:CC7.3', 'soc2:CC7.4', 'soc2:CC7.5']));
  writeFileSync(
    path.join(root, 'docs/security/data-breach.md'),
    doc('Personal data breaches', ['gdpr:33.1', 'gdpr:33.2', 'gdpr:33.3', 'gdpr:33.4', 'gdpr:33.5', 'gdpr:34.1', 'gdpr:34.2', 'gdpr:34.3']),
  );
  writeFileSync(path.join(root, 'docs/evidence/tabletop.md'), evidence);
  const config = path.join(root, 'handbook.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('required_frameworks: []', 'required_frameworks: [soc2, gdpr]'));
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });
  return { root, run };
}

describe('compliance coverage', () => {
  it('reports full coverage of SOC 2 and GDPR with documents and evidence', () => {
    const { run } = setup();
    const r = run('coverage', '--format', 'json');
    expect(r.status).toBe(0);
    const fws = JSON.parse(r.stdout);
    const soc2 = fws.find((f: any) => f.id === 'soc2');
    expect(soc2.controls.map((c: any) => [c.control, c.status])).toEqual([
      ['CC7.3', 'covered'],
      ['CC7.4', 'covered'],
      ['CC7.5', 'covered'],
    ]);
    expect(soc2.controls[1].evidence.map((e: any) => e.relPath)).toEqual(['docs/evidence/tabletop.md']);
    expect(fws.find((f: any) => f.id === 'gdpr').missing).toBe(0);
    const csv = run('coverage', '--framework', 'soc2', '--format', 'csv').stdout;
    expect(csv.split('\n')[0]).toBe('framework,control,title,status,evidence_required,documents,evidence');
    expect(run('coverage', '--framework', 'nope').status).toBe(2);
  });

  it('fails lint with the controls that lost coverage when the data-breach procedure is removed', () => {
    const { root, run } = setup();
    rmSync(path.join(root, 'docs/security/data-breach.md'));
    const r = run('lint', '--format', 'json', '--rule', 'data-consistency=off');
    expect(r.status).toBe(1);
    const file = JSON.parse(r.stdout).find((f: any) => f.filePath.endsWith('data/frameworks/gdpr.yaml'));
    expect(file.messages.map((m: any) => m.message)).toEqual(
      ['33.1', '33.2', '33.3', '33.4', '33.5', '34.1', '34.2', '34.3'].map((c) =>
        expect.stringMatching(new RegExp(`^Control gdpr:${c.replace('.', '\\.')} \\(.+\\) is not covered: no document claims it`)),
      ),
    );
    expect(run('coverage', '--framework', 'gdpr').status).toBe(1);
  });

  it('rejects unknown control ids', () => {
    const { root, run } = setup();
    writeFileSync(path.join(root, 'docs/other.md'), doc('Other page here', ['soc2:CC9.9']));
    const r = run('lint', 'docs/other.md', '--format', 'json', '--rule', 'data-consistency=off');
    const messages = JSON.parse(r.stdout).find((f: any) => f.filePath.endsWith('docs/other.md')).messages;
    expect(messages.map((m: any) => [m.ruleId, m.line, m.message])).toEqual([
      ['control-ref', 4, expect.stringMatching(/^Unknown control "soc2:CC9\.9" in "controls\[0\]": known: /)],
    ]);
  });
});
