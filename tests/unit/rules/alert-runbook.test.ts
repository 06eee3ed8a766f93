import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportedAlertNames } from '../../../plugins/lib/exports';
import { FIXTURE, fixtureProject, projectMessages, projectWith, runbook } from '../helpers';

const RULE = 'alert-runbook';
const LEVELS = fixtureProject().project.registries.get('severity')!;
const LEVEL = LEVELS[0];
/** helpers.runbook() lists this alert. */
const KNOWN_ALERT = 'DbConnectionsExhausted';
const RB = { 'runbooks/db.md': runbook() };
const noRunbook = (name: string) =>
  `Alert "${name}" has no runbook: add "${name}" to the alerts: of the runbook that handles it, or write one (npx handbook new runbook "...")`;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The rule's messages as [file, line, column, level, message] for a copy of the fixture with `files` written in it. */
async function check(docs: Record<string, string>, files: Record<string, string> = {}, alertRules?: string[], env: { PATH?: string } = {}) {
  const config = readFileSync(path.join(FIXTURE, 'handbook.config.yaml'), 'utf8') + (alertRules ? `\nalert_rules: ${JSON.stringify(alertRules)}\n` : '');
  const p = projectWith({ 'handbook.config.yaml': config });
  cleanup = p.cleanup;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(p.root, rel)), { recursive: true });
    writeFileSync(path.join(p.root, rel), text);
  }
  const saved = process.env.PATH;
  if (env.PATH !== undefined) process.env.PATH = env.PATH;
  try {
    const byFile = await projectMessages(p.root, docs).run();
    return [...byFile].flatMap(([file, ms]) =>
      ms.filter((m) => m.ruleId === RULE).map((m) => [file, m.line, m.column, m.severity === 2 ? 'error' : 'warn', m.message]),
    );
  } finally {
    process.env.PATH = saved;
  }
}

const page = (body: string) => `---\ntitle: Alerting\ntype: reference\n---\n\n${body}`;

describe(`${RULE}: documents`, () => {
  it('accepts alerts that a runbook lists, wherever they are named', async () => {
    const body = [
      '```yaml',
      `- alert: ${KNOWN_ALERT}`,
      `  annotations: {runbook_url: "https://handbook.example.com/runbooks/alert/${KNOWN_ALERT}"}`,
      '```',
      '',
      `See [the runbook](/runbooks/alert/${KNOWN_ALERT}) or \`/runbooks/alert/<AlertName>\`.`,
      '',
      '| Alert | Meaning |',
      '| --- | --- |',
      `| \`${KNOWN_ALERT}\` | Pool is full |`,
    ].join('\n');
    expect(await check({ ...RB, 'docs/alerting.md': page(body) })).toEqual([]);
  });

  it('reports each unknown alert at its place', async () => {
    const body = [
      '```yaml', // line 6
      '- alert: CheckoutHighErrorRate',
      '  labels: {severity: P1}',
      '  annotations:',
      '    runbook_url: "https://handbook.example.com/runbooks/alert/CheckoutHighErrorRate"',
      '```',
      '',
      'Open [the page](/runbooks/alert/GoneAlert) or `/runbooks/alert/OtherAlert`.', // line 13
      '',
      '| Alert | Meaning |',
      '| --- | --- |',
      '| `QueueStuck` | Nothing moves |', // line 17
    ].join('\n');
    expect(await check({ ...RB, 'docs/alerting.md': page(body) })).toEqual([
      ['docs/alerting.md', 7, 10, 'error', noRunbook('CheckoutHighErrorRate')],
      ['docs/alerting.md', 10, 63, 'error', noRunbook('CheckoutHighErrorRate')],
      ['docs/alerting.md', 13, 6, 'error', noRunbook('GoneAlert')],
      ['docs/alerting.md', 13, 64, 'error', noRunbook('OtherAlert')],
      ['docs/alerting.md', 17, 4, 'error', noRunbook('QueueStuck')],
    ]);
  });
});

const ruleFile = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (name: string, extra: { severity?: string | null; url?: string | null } = {}) => {
  const sev = extra.severity === null ? '' : `\n        labels:\n          severity: ${extra.severity ?? LEVEL}`;
  const url =
    extra.url === null ? '' : `\n        annotations:\n          runbook_url: "${extra.url ?? `https://handbook.example.com/runbooks/alert/${name}`}"`;
  return `      - alert: ${name}\n        expr: up == 0${sev}${url}\n`;
};
const RULES = 'monitoring/app.rules.yml';

describe(`${RULE}: the Alertmanager export`, () => {
  const routing = (extra: string) => `severity_label: severity\ndefault_severity: ${LEVEL}\n${extra}routes: []\n`;
  const HEARTBEAT = 'PipelineHeartbeat';

  it('without data/alert-routing.yaml the export names no alert: nothing to resolve', async () => {
    expect(await check(RB)).toEqual([]);
  });

  it('reports the heartbeat alert the export routes to the responder when no runbook lists it, at heartbeat_alertname', async () => {
    expect(await check(RB, { 'data/alert-routing.yaml': routing(`heartbeat_alertname: ${HEARTBEAT}\n`) })).toEqual([
      [
        'data/alert-routing.yaml',
        3,
        22,
        'error',
        `${noRunbook(HEARTBEAT)} (the Alertmanager export routes it: route.routes[0].matchers[0], the heartbeat_alertname of data/alert-routing.yaml)`,
      ],
    ]);
  });

  it('without heartbeat_alertname, the default name (Watchdog) is what the export routes', async () => {
    expect(await check(RB, { 'data/alert-routing.yaml': routing('') })).toEqual([
      [
        'data/alert-routing.yaml',
        1,
        1,
        'error',
        `${noRunbook('Watchdog')} (the Alertmanager export routes it: route.routes[0].matchers[0], the heartbeat_alertname of data/alert-routing.yaml)`,
      ],
    ]);
  });

  it('accepts the heartbeat alert once a runbook lists it', async () => {
    const rb = { 'runbooks/pipeline.md': runbook().replace(`alerts: [${KNOWN_ALERT}]`, `alerts: [${HEARTBEAT}]`) };
    expect(rb['runbooks/pipeline.md']).toContain(`alerts: [${HEARTBEAT}]`);
    expect(await check({ ...RB, ...rb }, { 'data/alert-routing.yaml': routing(`heartbeat_alertname: ${HEARTBEAT}\n`) })).toEqual([]);
  });
});

describe('exportedAlertNames', () => {
  it('finds alert names in route matchers (nested), old match/match_re maps and inhibit rules; patterns name nothing', () => {
    const config = {
      route: {
        receiver: 'r',
        matchers: ['severity="x"'],
        routes: [
          { receiver: 'a', matchers: ['alertname="One"', 'team="x"'] },
          { receiver: 'b', matchers: ['alertname=~".+"'], routes: [{ receiver: 'c', matchers: ['alertname =~ "Two|Three"'] }] },
          { receiver: 'd', match: { alertname: 'Four' }, match_re: { alertname: '^(Five|Six)$' } },
          { receiver: 'e', matchers: ['alertname!="Seven"', 'alertname=~"Eig.*"'] },
        ],
      },
      inhibit_rules: [
        { source_matchers: ['alertname="Nine"'], target_matchers: ['alertname=~"Ten|Eleven"'], equal: ['service'] },
        { source_match: { alertname: 'Twelve' }, target_match_re: { alertname: 'Thirteen' } },
      ],
    };
    expect(exportedAlertNames(config)).toEqual([
      { name: 'One', where: 'route.routes[0].matchers[0]' },
      { name: 'Two', where: 'route.routes[1].routes[0].matchers[0]' },
      { name: 'Three', where: 'route.routes[1].routes[0].matchers[0]' },
      { name: 'Four', where: 'route.routes[2].match.alertname' },
      { name: 'Five', where: 'route.routes[2].match_re.alertname' },
      { name: 'Six', where: 'route.routes[2].match_re.alertname' },
      { name: 'Nine', where: 'inhibit_rules[0].source_matchers[0]' },
      { name: 'Ten', where: 'inhibit_rules[0].target_matchers[0]' },
      { name: 'Eleven', where: 'inhibit_rules[0].target_matchers[0]' },
      { name: 'Twelve', where: 'inhibit_rules[1].source_match.alertname' },
      { name: 'Thirteen', where: 'inhibit_rules[1].target_match_re.alertname' },
    ]);
  });
});

describe(`${RULE}: Prometheus rule files`, () => {
  const noPromtool = { PATH: '/nonexistent' };
  const promtoolMissing = [
    'handbook.config.yaml',
    1,
    1,
    'warn',
    'promtool is not installed: the Prometheus rule files in alert_rules were checked by the handbook only, not by "promtool check rules" (install Debian\'s prometheus package)',
  ];

  it('accepts an alert with a runbook, a known severity and a runbook URL; recording rules are skipped', async () => {
    const file = ruleFile(`      - record: job:up:sum\n        expr: sum(up)\n${alert(KNOWN_ALERT)}`);
    expect(await check(RB, { [RULES]: file }, ['monitoring/**/*.rules.yml'], noPromtool)).toEqual([promtoolMissing]);
  });

  it('reports a missing runbook, a bad severity, a missing label and wrong or missing runbook URLs', async () => {
    const file = ruleFile(
      alert('NoSuchRunbook') + // line 4
        alert(KNOWN_ALERT, { severity: 'critical' }) + // line 10
        alert(KNOWN_ALERT, { severity: null }) + // line 16
        alert(KNOWN_ALERT, { url: 'https://wiki.example.com/pages/db' }) + // line 20
        alert(KNOWN_ALERT, { url: null }), // line 26
    );
    expect(await check(RB, { [RULES]: file }, ['monitoring/*.rules.yml'], noPromtool)).toEqual([
      [RULES, 4, 16, 'error', noRunbook('NoSuchRunbook')],
      [RULES, 13, 21, 'error', `Unknown severity "critical" in the severity label of alert "${KNOWN_ALERT}": known: ${LEVELS.join(', ')} (data/severity.yaml)`],
      [
        RULES,
        16,
        16,
        'error',
        `Alert "${KNOWN_ALERT}" has no severity label: add labels: {severity: <level>} with one of ${LEVELS.join(', ')} so it is routed`,
      ],
      [
        RULES,
        25,
        24,
        'error',
        `runbook_url of alert "${KNOWN_ALERT}" does not point at its runbook in the handbook: use "<handbook URL>/runbooks/alert/${KNOWN_ALERT}" or /runbooks/db`,
      ],
      [
        RULES,
        26,
        16,
        'error',
        `Alert "${KNOWN_ALERT}" has no runbook_url annotation: add annotations: {runbook_url: "<handbook URL>/runbooks/alert/${KNOWN_ALERT}"}`,
      ],
      promtoolMissing,
    ]);
  });

  it('reports globs that match nothing and files that are not rule files', async () => {
    expect(await check(RB, {}, ['monitoring/*.yml'], noPromtool)).toEqual([
      ['handbook.config.yaml', 1, 1, 'error', 'alert_rules matches no file (monitoring/*.yml): fix the globs or remove the setting'],
    ]);
    expect(await check(RB, { [RULES]: 'rules: []\n' }, [RULES], noPromtool)).toEqual([
      [RULES, 1, 1, 'error', 'Prometheus rule file is invalid: a Prometheus rule file needs a top-level "groups:" list'],
      promtoolMissing,
    ]);
    expect(await check(RB, { [RULES]: 'groups:\n  - name: [\n' }, [RULES], noPromtool)).toEqual([
      [RULES, 3, 1, 'error', expect.stringMatching(/^Prometheus rule file is not valid YAML: \S/)],
      promtoolMissing,
    ]);
  });

  const promtool = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, 'promtool')));
  it.skipIf(!promtool)('runs promtool check rules when it is installed', async () => {
    const bad = ruleFile(alert(KNOWN_ALERT).replace('expr: up == 0', 'expr: sum(rate(x[5m])'));
    const found = await check(RB, { [RULES]: bad }, [RULES]);
    expect(found).toHaveLength(1);
    expect(found[0].slice(0, 4)).toEqual([RULES, 1, 1, 'error']);
    expect(found[0][4]).toMatch(/^promtool check rules failed: .*parse error/);
    expect(await check(RB, { [RULES]: ruleFile(alert(KNOWN_ALERT)) }, [RULES])).toEqual([]);
  });
});
