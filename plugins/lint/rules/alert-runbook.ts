import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { alertmanagerConfig, exportedAlertNames } from '../../lib/exports';
import { dataPosition } from '../load';
import { globFiles, readText, which } from '../probe';
import { alertRoute } from '../routes';
import type { ProjectContext, ProjectIndex, Span, WholeProjectRule } from '../types';
import { UNKNOWN_REF, unknownRefData } from './ref-rules';

const CONFIG = 'handbook.config.yaml';

/** Alert name -> the runbooks whose `alerts:` list it. */
export function runbookAlerts(index: ProjectIndex): Map<string, { relPath: string; route: string }[]> {
  const out = new Map<string, { relPath: string; route: string }[]>();
  for (const doc of index.byPath.values()) {
    if (doc.type !== 'runbook' || !Array.isArray(doc.frontmatter.alerts)) continue;
    for (const a of doc.frontmatter.alerts) {
      if (typeof a !== 'string') continue;
      const list = out.get(a);
      if (list) list.push({ relPath: doc.relPath, route: doc.route });
      else out.set(a, [{ relPath: doc.relPath, route: doc.route }]);
    }
  }
  return out;
}

/** promtool from Debian's prometheus package, when it is on the PATH. */
const findPromtool = (): string | undefined => which('promtool');

interface RuleFileAlert {
  name: string;
  at: Span;
  severity?: { value: unknown; at: Span };
  runbookUrl?: { value: unknown; at: Span };
}

function spanAt(lc: LineCounter, node: YamlNode | null | undefined, fallback: Span): Span {
  const r = node?.range;
  if (!r) return fallback;
  const a = lc.linePos(r[0]);
  return { start: { line: a.line, column: a.col } };
}

function get(map: unknown, key: string): YamlNode | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((it) => isScalar(it.key) && it.key.value === key);
  return (pair?.value ?? undefined) as YamlNode | undefined;
}

/** The alerting rules of one Prometheus rule file, with positions. */
function readRuleFile(text: string): { alerts: RuleFileAlert[]; error?: { messageId: 'notYaml' | 'noGroups'; detail?: string; at: Span } } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, strict: true, schema: 'core', merge: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = lc.linePos(e.pos[0]);
    return { alerts: [], error: { messageId: 'notYaml', detail: e.message.split('\n')[0], at: { start: { line: p.line, column: p.col } } } };
  }
  const top: Span = { start: { line: 1, column: 1 } };
  const groups = get(doc.contents, 'groups');
  const alerts: RuleFileAlert[] = [];
  if (!isSeq(groups)) return { alerts, error: { messageId: 'noGroups', at: top } };
  for (const group of groups.items) {
    const rules = get(group, 'rules');
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      const alert = get(rule, 'alert');
      if (!isScalar(alert) || typeof alert.value !== 'string') continue; // a recording rule
      const at = spanAt(lc, alert, top);
      const labels = get(rule, 'labels');
      const annotations = get(rule, 'annotations');
      const sev = get(labels, 'severity');
      const url = get(annotations, 'runbook_url');
      alerts.push({
        name: alert.value,
        at,
        severity: sev ? { value: isScalar(sev) ? sev.value : undefined, at: spanAt(lc, sev, at) } : undefined,
        runbookUrl: url ? { value: isScalar(url) ? url.value : undefined, at: spanAt(lc, url, at) } : undefined,
      });
    }
  }
  return { alerts };
}

/** The path of a URL, absolute or site-relative. */
function urlPath(value: string): string | undefined {
  try {
    return new URL(value, 'http://handbook.invalid').pathname.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

const NO_RUNBOOK =
  'Alert "{{name}}" has no runbook: add "{{name}}" to the alerts: of the runbook that handles it, or write one (npx handbook new runbook "...")';

type Messages =
  | 'noRunbook'
  | 'exportNoRunbook'
  | 'heartbeatNoRunbook'
  | 'noRuleFiles'
  | 'notYaml'
  | 'noGroups'
  | 'noSeverity'
  | 'unknownSeverity'
  | 'noRunbookUrl'
  | 'wrongRunbookUrl'
  | 'noPromtool'
  | 'promtoolError'
  | 'promtoolFailed';

type Context = ProjectContext<Record<string, never>, Messages>;
type Known = Map<string, { relPath: string; route: string }[]>;

const TOP: Span = { start: { line: 1, column: 1 } };

/**
 * Every alert has a runbook: alert names in the documents (rule examples, runbook links, alert tables), in the
 * Alertmanager export and in the Prometheus rule files named by `alert_rules` in the config resolve to a runbook's
 * `alerts:`. Rule files also need a `severity` label naming a level and a `runbook_url` into the handbook; promtool
 * checks their syntax when it is installed.
 */
export const alertRunbook: WholeProjectRule<Record<string, never>, Messages> = {
  meta: {
    id: 'alert-runbook',
    kind: 'project',
    description:
      'Every alert named in documents, the Alertmanager export and the Prometheus rule files has a runbook; rule files carry a known severity and a runbook_url into the handbook.',
    severity: 'error',
    messages: {
      noRunbook: NO_RUNBOOK,
      exportNoRunbook: `${NO_RUNBOOK} (the Alertmanager export routes it: {{where}})`,
      heartbeatNoRunbook: `${NO_RUNBOOK} (the Alertmanager export routes it: {{where}}, the heartbeat_alertname of data/alert-routing.yaml)`,
      noRuleFiles: 'alert_rules matches no file ({{globs}}): fix the globs or remove the setting',
      notYaml: 'Prometheus rule file is not valid YAML: {{detail}}',
      noGroups: 'Prometheus rule file is invalid: a Prometheus rule file needs a top-level "groups:" list',
      noSeverity: 'Alert "{{name}}" has no severity label: add labels: {severity: <level>} with one of {{levels}} so it is routed',
      unknownSeverity: UNKNOWN_REF,
      noRunbookUrl: 'Alert "{{name}}" has no runbook_url annotation: add annotations: {runbook_url: "<handbook URL>{{stable}}"}',
      wrongRunbookUrl: 'runbook_url of alert "{{name}}" does not point at its runbook in the handbook: use "<handbook URL>{{stable}}"{{alternative}}',
      noPromtool:
        'promtool is not installed: the Prometheus rule files in alert_rules were checked by the handbook only, not by "promtool check rules" (install Debian\'s prometheus package)',
      promtoolError: 'promtool could not run: {{error}}',
      promtoolFailed: 'promtool check rules failed: {{detail}}',
    },
  },
  check(ctx) {
    const known = runbookAlerts(ctx.index);
    for (const doc of ctx.index.byPath.values()) {
      for (const ref of doc.alertRefs ?? []) {
        if (!known.has(ref.name))
          ctx.report({ messageId: 'noRunbook', data: { name: ref.name }, file: doc.relPath, at: { start: { line: ref.line, column: ref.column } } });
      }
    }
    checkExport(ctx, known);
    checkRuleFiles(ctx, known);
  },
};

/**
 * The Alertmanager config `handbook export alertmanager` writes (with --responder-url too, when data/alert-routing.yaml
 * sets up the responder): every alert name its routes and inhibit rules name resolves to a runbook. Those names come
 * from data/ (the heartbeat alert from alert-routing.yaml), so that is where the finding points.
 */
function checkExport(ctx: Context, known: Known): void {
  const { project, index } = ctx;
  const routing = project.data['alert-routing'];
  const configs = [alertmanagerConfig(project, index, { siteUrl: '' })];
  if (routing)
    configs.push(
      alertmanagerConfig(project, index, { siteUrl: '', responder: { url: 'http://responder.invalid', tokenFile: '/etc/alertmanager/handbook-token' } }),
    );
  const reported = new Set<string>();
  const heartbeatName = (routing?.value as { heartbeat_alertname?: unknown } | undefined)?.heartbeat_alertname;
  for (const config of configs) {
    for (const { name, where } of exportedAlertNames(config)) {
      if (known.has(name) || reported.has(name)) continue;
      reported.add(name);
      if (routing && (heartbeatName ?? 'Watchdog') === name) {
        const at = heartbeatName !== undefined ? dataPosition(routing, ['heartbeat_alertname']) : TOP;
        ctx.report({ messageId: 'heartbeatNoRunbook', data: { name, where }, file: routing.relPath, at });
      } else {
        ctx.report({ messageId: 'exportNoRunbook', data: { name, where }, file: CONFIG, at: TOP });
      }
    }
  }
}

function checkRuleFiles(ctx: Context, known: Known): void {
  const { project } = ctx;
  const globs = project.config.alert_rules ?? [];
  if (!globs.length) return;
  const files = globFiles(globs, project.root, ['**/node_modules/**']);
  if (!files.length) {
    ctx.report({ messageId: 'noRuleFiles', data: { globs: globs.join(', ') }, file: CONFIG, at: TOP });
    return;
  }
  const levels = project.registries.get('severity') ?? [];
  for (const rel of files) {
    const { alerts, error } = readRuleFile(readText(path.join(project.root, rel)));
    if (error) {
      ctx.report({ messageId: error.messageId, data: { detail: error.detail ?? '' }, file: rel, at: error.at });
      continue;
    }
    for (const a of alerts) checkAlert(ctx, rel, a, known.get(a.name), levels);
  }
  promtool(ctx, files, project.root);
}

function checkAlert(ctx: Context, file: string, a: RuleFileAlert, runbooks: { route: string }[] | undefined, levels: string[]): void {
  const name = a.name;
  if (!runbooks) ctx.report({ messageId: 'noRunbook', data: { name }, file, at: a.at });
  if (!a.severity) ctx.report({ messageId: 'noSeverity', data: { name, levels: levels.join(', ') }, file, at: a.at });
  else if (typeof a.severity.value !== 'string' || !levels.includes(a.severity.value)) {
    ctx.report({
      messageId: 'unknownSeverity',
      data: unknownRefData('severity', a.severity.value, `the severity label of alert "${name}"`, levels),
      file,
      at: a.severity.at,
    });
  }
  const stable = alertRoute(name);
  if (!a.runbookUrl) {
    ctx.report({ messageId: 'noRunbookUrl', data: { name, stable }, file, at: a.at });
    return;
  }
  const p = typeof a.runbookUrl.value === 'string' ? urlPath(a.runbookUrl.value) : undefined;
  const ok = p === stable || (p !== undefined && runbooks?.some((r) => r.route === p));
  if (!ok)
    ctx.report({ messageId: 'wrongRunbookUrl', data: { name, stable, alternative: runbooks ? ` or ${runbooks[0].route}` : '' }, file, at: a.runbookUrl.at });
}

/** `promtool check rules` on the rule files when promtool is installed; a warning saying so when it is not. */
function promtool(ctx: Context, files: string[], root: string): void {
  const bin = findPromtool();
  if (!bin) {
    ctx.report({ messageId: 'noPromtool', file: CONFIG, level: 'warn', at: TOP });
    return;
  }
  for (const rel of files) {
    const r = spawnSync(bin, ['check', 'rules', rel], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    if (r.error) {
      ctx.report({ messageId: 'promtoolError', data: { error: r.error.message }, file: rel, level: 'warn', at: TOP });
      continue;
    }
    if (r.status !== 0) {
      const detail = `${r.stderr}\n${r.stdout}`
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Checking |^FAILED:?$/.test(l))
        .join('; ');
      ctx.report({ messageId: 'promtoolFailed', data: { detail: detail || `exit code ${r.status}` }, file: rel, at: TOP });
    }
  }
}
