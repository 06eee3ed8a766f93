import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectWith } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
let root: string;
let cleanup: () => void;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const record = () => {
  const dir = path.join(root, 'incidents', '2026');
  return readFileSync(
    path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith('INC-0001'))!,
    ),
    'utf8',
  );
};

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'incidents'), { recursive: true });
});
afterAll(() => cleanup?.());

describe('handbook incident', () => {
  it('opens an incident with the next id, detected_at now and the required sections', () => {
    const r = run(
      'incident',
      'open',
      '--title',
      'Checkout errors',
      '--severity',
      'P1',
      '--type',
      'service-outage',
      '--services',
      'checkout',
      '--commander',
      '@grace',
      '--now',
      '2026-11-23T10:00:00Z',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('Opened INC-0001: incidents/2026/INC-0001-checkout-errors.md\n');
    const text = record();
    expect(text).toContain('id: INC-0001\n');
    expect(text).toContain('detected_at: 2026-11-23T10:00:00Z\n');
    expect(text).toContain('status: investigating\n');
    expect(text).toMatch(/## Summary\n\n.+\n\n## Timeline\n\n- \*\*2026-11-23 10:00 UTC\*\* Incident opened at P1, incident commander @grace\.\n$/);
  });

  it('updates the status, sets timestamps and appends to the timeline', () => {
    expect(run('incident', 'update', 'INC-0001', '--status', 'acknowledged', '--now', '2026-11-23T10:04:00Z').code).toBe(0);
    expect(run('incident', 'update', 'INC-0001', '--status', 'mitigated', '--note', 'Rolled back the deploy', '--now', '2026-11-23T10:40:00Z').code).toBe(0);
    const text = record();
    expect(text).toContain('acknowledged_at: 2026-11-23T10:04:00Z\n');
    expect(text).toContain('mitigated_at: 2026-11-23T10:40:00Z\n');
    expect(text).toContain('status: monitoring\n');
    expect(text).toContain('- **2026-11-23 10:40 UTC** Status: monitoring (mitigated). Rolled back the deploy\n');
  });

  it('records a severity change with its history', () => {
    expect(run('incident', 'update', 'INC-0001', '--severity', 'P0', '--note', 'All regions affected', '--now', '2026-11-23T10:45:00Z').code).toBe(0);
    const text = record();
    expect(text).toContain('severity: P0\n');
    expect(text).toMatch(
      /severity_history:\n  - at: 2026-11-23T10:00:00Z\n    severity: P1\n  - at: 2026-11-23T10:45:00Z\n    severity: P0\n    reason: All regions affected\n/,
    );
  });

  const refusals: [string, string[], string][] = [
    ['an unknown severity', ['--severity', 'P9'], 'unknown severity "P9": use one of P0, P1, P2, P3, P4'],
    [
      'going backwards',
      ['--status', 'identified'],
      'cannot go from "monitoring" back to "identified": statuses move forward (investigating → identified → monitoring → resolved → closed)',
    ],
    [
      'an unknown status',
      ['--status', 'fixed'],
      'unknown status "fixed": use one of acknowledged, identified, mitigated, monitoring, resolved (close with "handbook incident close")',
    ],
  ];
  it.each(refusals)('refuses %s and leaves the file untouched', (_name, args, message) => {
    const before = record();
    const r = run('incident', 'update', 'INC-0001', ...args);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`handbook: refused, nothing was changed:\n  ${message}\n`);
    expect(record()).toBe(before);
  });

  it('refuses to close an unresolved incident, then resolves and closes it', () => {
    const before = record();
    const r = run('incident', 'close', 'INC-0001');
    expect(r.code).toBe(1);
    expect(r.err).toContain('only a resolved incident can be closed (status is "monitoring")');
    expect(record()).toBe(before);
    expect(run('incident', 'update', 'INC-0001', '--status', 'resolved', '--now', '2026-11-23T11:00:00Z').code).toBe(0);
    expect(run('incident', 'close', 'INC-0001', '--now', '2026-11-24T09:00:00Z').code).toBe(0);
    expect(record()).toContain('status: closed\n');
    expect(record()).toContain('closed_at: 2026-11-24T09:00:00Z\n');
  });

  it('refuses bad input for open without writing anything', () => {
    const r = run('incident', 'open', '--title', 'X y z', '--severity', 'SEV9', '--type', 'service-outage', '--services', 'checkout');
    expect(r.code).toBe(2);
    expect(r.err).toBe('handbook: unknown severity "SEV9": use one of P0, P1, P2, P3, P4\n');
    const r2 = run('incident', 'open', '--title', 'X y z', '--severity', 'P2', '--type', 'service-outage', '--services', 'nonexistent');
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('Unknown service "nonexistent"');
    expect(readdirSync(path.join(root, 'incidents', '2026'))).toHaveLength(1);
  });

  it('feeds the metrics: MTTA and MTTR of the new incident', () => {
    const r = run('metrics', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).rows;
    expect(rows[0]).toMatchObject({ key: 'all', incidents: 1, mtta: { median: 4 }, mttr: { median: 60 } });
  });

  it('fails lint when the postmortem is overdue', () => {
    // P0 needs a postmortem within 5 days of resolution: on 2026-12-01 it is overdue.
    const r = run('lint', 'incidents', '--now', '2026-12-01', '--format', 'json');
    expect(r.code).toBe(1);
    const messages = JSON.parse(r.out).flatMap((f: any) => f.messages);
    expect(messages.find((m: any) => m.ruleId === 'postmortem-due').message).toBe(
      'Postmortem overdue: P0 needs a postmortem within 5 days of resolution (due 2026-11-28 11:00 UTC); none names incident INC-0001. Create one with "npx handbook new postmortem"',
    );
    void execFileSync;
  });
});
