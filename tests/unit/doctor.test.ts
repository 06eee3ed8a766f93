import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { doctor, isExampleHost, sampleValuesIn, unreachableTargets } from '../../plugins/lib/doctor';

const ROOT = path.resolve(__dirname, '../..');

describe('sample values', () => {
  it('finds example hosts, fictional numbers and values inside marked mappings, with their lines', () => {
    const text = [
      'tools:',
      '  - {id: pager, kind: paging, name: Pager, url: "https://acme.pager.io"}',
      '  - {id: chat, kind: chat, name: Chat, url: "https://example-org.chat.io", sample: true}',
      'contacts:',
      '  - for: {team: ops}',
      '    phone: "+1 555 0142"',
      '    email: ops@acme.io',
      '  - for: {team: sales}',
      '    email: sales@example.net',
      '    phone: "+44 20 7946 0000"',
      'people:',
      '  sample: true',
      '  members: ["@ann", "@bob"]',
      '  note: free prose stays',
    ].join('\n');
    const { values, wholeFile } = sampleValuesIn({ relPath: 'data/x.yaml', text });
    expect(wholeFile).toBe(false);
    expect(values.map((v) => [v.line, v.path, v.value, v.reason])).toEqual([
      [3, 'tools.1.name', 'Chat', 'marked'],
      [3, 'tools.1.url', 'https://example-org.chat.io', 'example-host'],
      [6, 'contacts.0.phone', '+1 555 0142', 'fiction-phone'],
      [9, 'contacts.1.email', 'sales@example.net', 'example-host'],
      [13, 'people.members.0', '@ann', 'marked'],
      [13, 'people.members.1', '@bob', 'marked'],
    ]);
  });

  it('a file marked at the top is reported as a whole', () => {
    const r = sampleValuesIn({ relPath: 'data/y.yaml', text: 'sample: true\nrotations:\n  - {id: a, members: ["@x"]}\n' });
    expect(r.wholeFile).toBe(true);
    expect(r.values.map((v) => v.value)).toEqual(['@x']);
  });

  it.each([
    ['example.com', true],
    ['grafana.example.org', true],
    ['example-org.pagerduty.com', true],
    ['status.example', true],
    ['examples.acme.io', false],
    ['acme.io', false],
  ])('isExampleHost(%s) = %s', (host, expected) => expect(isExampleHost(host)).toBe(expected));
});

describe('unreachable escalation targets', () => {
  const base = {
    teams: { teams: [{ id: 'ops', chat: '#ops' }, { id: 'execs' }] },
    oncall: { rotations: [{ id: 'ops', team: 'ops', role: 'responder' }] },
    contacts: {
      tools: [{ kind: 'paging' }],
      contacts: [
        { for: { team: 'ops' }, page_url: 'https://p' },
        { for: { team: 'execs' }, page_url: 'https://p' },
      ],
    },
  };
  it('a role reached through its rotation team, a team without a phone, and a role nobody staffs', () => {
    const escalation = {
      policies: [
        {
          id: 'p',
          steps: [
            { after: '0m', notify: { role: 'responder' }, via: 'page' },
            { after: '5m', notify: { team: 'execs' }, via: 'phone' },
            { after: '5m', notify: { role: 'lead' }, via: 'chat' },
            { after: '9m', notify: { team: 'ops' }, via: 'chat' },
          ],
        },
      ],
    };
    expect(unreachableTargets({ ...base, escalation }).map((u) => u.message)).toEqual([
      'step 2 reaches team "execs" by phone, but data/contacts.yaml gives it no phone',
      'no rotation in data/oncall.yaml staffs role "lead", so nobody holds it when the page goes out',
      'step 3 reaches role "lead" by chat, but data/contacts.yaml gives it no chat channel',
    ]);
  });
});

describe("the handbook's own data", () => {
  const read = (f: string) => parse(readFileSync(path.join(ROOT, 'data', f), 'utf8'));
  it('every escalation target of every policy can be reached by its medium, and every paged role is rostered', () => {
    const report = doctor([], { escalation: read('escalation.yaml'), contacts: read('contacts.yaml'), teams: read('teams.yaml'), oncall: read('oncall.yaml') });
    expect(report.unreachable).toEqual([]);
  });

  it('handbook doctor --format json lists what the library finds', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/handbook.mjs'), 'doctor', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unreachable).toEqual([]);
    expect(Array.isArray(out.samples)).toBe(true);
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'scripts/handbook.mjs'), 'doctor', '--format', 'xml'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be table or json');
  }, 600_000);
});
