import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string) => parse(readFileSync(path.join(ROOT, rel), 'utf8'));

describe('CI and editor conventions', () => {
  it('the GitHub workflow annotates with --format github and uploads the SARIF file it writes', () => {
    const wf = read('.github/workflows/handbook.yml');
    const steps: { run?: string; uses?: string; with?: Record<string, string> }[] = wf.jobs.lint.steps;
    expect(wf.jobs.lint.permissions['security-events']).toBe('write');
    expect(steps.some((s) => /npx handbook lint --format github\b/.test(s.run ?? ''))).toBe(true);
    const sarif = steps.find((s) => /--format sarif/.test(s.run ?? ''))!;
    const out = /--output-file (\S+)/.exec(sarif.run!)![1];
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe(out);
  });

  it('the pre-commit hooks lint changed documents, and everything when data changes', () => {
    const hooks: { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[] = read('.pre-commit-hooks.yaml');
    const docs = hooks.find((h) => h.id === 'handbook-lint')!;
    expect(docs.entry).toMatch(/handbook lint$/);
    expect(docs.pass_filenames).toBe(true);
    const re = new RegExp(docs.files);
    expect(['runbooks/db.md', 'docs/roles/x.mdx', 'incidents/2026/INC-0001-x.md'].every((f) => re.test(f))).toBe(true);
    expect(['README.md', 'src/pages/index.tsx', 'data/roles.yaml'].some((f) => re.test(f))).toBe(false);
    const data = hooks.find((h) => h.id === 'handbook-lint-data')!;
    expect(data.pass_filenames).toBe(false);
    expect(['data/roles.yaml', 'schemas/runbook.schema.json', 'handbook.config.yaml'].every((f) => new RegExp(data.files).test(f))).toBe(true);
  });
});
