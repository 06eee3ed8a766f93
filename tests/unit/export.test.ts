import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectWith } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
let root: string;
let cleanup: () => void;
beforeAll(() => ({ root, cleanup } = projectWith({})));
afterAll(() => cleanup?.());
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });

describe('handbook export', () => {
  it('writes an Alertmanager routing tree that matches the routing config shape', () => {
    const r = run('export', 'alertmanager');
    expect(r.status).toBe(0);
    const config = parse(r.stdout);
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../schemas/alertmanager.schema.json'), 'utf8'));
    const validate = new (Ajv2020 as any)({ strict: false }).compile(schema);
    expect(validate(config)).toBe(true);
    // One route per severity, in the order of data/severity.yaml, each to its receiver.
    expect(config.route.routes.map((x: any) => [x.matchers[0], x.receiver])).toEqual([
      ['severity="P0"', 'p0-page'],
      ['severity="P1"', 'p1-page'],
      ['severity="P2"', 'p2-page'],
      ['severity="P3"', 'p3-chat'],
      ['severity="P4"', 'p4-ticket'],
    ]);
    expect(config.receivers.map((x: any) => x.name)).toEqual(['p0-page', 'p1-page', 'p2-page', 'p3-chat', 'p4-ticket']);
    expect(config.inhibit_rules[0]).toEqual({
      source_matchers: ['severity="P0"'],
      target_matchers: ['severity=~"P1|P2|P3|P4"'],
      equal: ['alertname', 'service'],
    });
  });

  it("routes by data/alert-routing.yaml's rules first, so an alert labelled critical reaches its level's pager directly", () => {
    const levels = parse(readFileSync(path.join(root, 'data/severity.yaml'), 'utf8')).levels as { id: string }[];
    const [top, second, last] = [levels[0].id, levels[1].id, levels[levels.length - 1].id];
    const withRouting = projectWith({
      'data/alert-routing.yaml': [
        `default_severity: ${second}`,
        'routes:',
        `  - match: {severity: critical, scope: customer-facing}`,
        `    severity: ${top}`,
        `  - match: {severity: [critical, "pa.ge"]}`,
        `    severity: ${second}`,
        `  - match: {team: 'say "hi"'}`,
        `    severity: ${last}`,
        '',
      ].join('\n'),
    });
    try {
      const r = spawnSync(process.execPath, [CLI, 'export', 'alertmanager'], { cwd: withRouting.root, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const config = parse(r.stdout);
      const receiverOf = (level: string) => config.route.routes.find((x: any) => x.matchers.length === 1 && x.matchers[0] === `severity="${level}"`).receiver;
      expect(config.route.routes.slice(0, 3).map((x: any) => [x.matchers, x.receiver])).toEqual([
        [['severity="critical"', 'scope="customer-facing"'], receiverOf(top)],
        [['severity=~"critical|pa\\\\.ge"'], receiverOf(second)],
        [['team="say \\"hi\\""'], receiverOf(last)],
      ]);
      // An alert no rule and no level id matches goes where the responder would put it: default_severity's receiver.
      expect(config.route.receiver).toBe(receiverOf(second));
    } finally {
      withRouting.cleanup();
    }
  });

  it('rejects an unknown export', () => {
    const r = run('export', 'pagerduty');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('handbook: unknown export "pagerduty": use alertmanager, runbook-urls or api\n');
  });
});
