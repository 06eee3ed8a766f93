import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { alertmanagerConfig, exportedAlertNames } from '../../lib/exports';
import { dataPosition } from '../load';
import type { Project, ProjectIndex, ProjectProblem, ProjectRule, Span } from '../types';
import { unknownRefMessage } from './ref-rules';

const CONFIG = 'handbook.config.yaml';

/** Alert name -> the runbooks whose `alerts:` list it. */
export function runbookAlerts(index: ProjectIndex): Map<string, { relPath: string; route: string }[]> {
  const out = new Map<string, { relPath: string; route: string }[]>();
  for (const doc of index.byPath.values()) {
    if (doc.type !== 'runbook' || !Array.isArray(doc.frontmatter.alerts)) continue;
    for (const a of doc.frontmatter.alerts) if (typeof a === 'string') out.set(a, [...(out.get(a) ?? []), { relPath: doc.relPath, route: doc.route }]);
  }
  return out;
}

const noRunbook = (name: string) =>
  `Alert "${name}" has no runbook: add "${name}" to the alerts: of the runbook that handles it, or write one (npx handbook new runbook "...")`;

/** promtool from Debian's prometheus package, when it is on the PATH. */
function findPromtool(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'promtool'))) return path.join(dir, 'promtool');
  }
  return undefined;
}

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
function readRuleFile(text: string): { alerts: RuleFileAlert[]; error?: { message: string; at: Span } } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, strict: true, schema: 'core', merge: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = lc.linePos(e.pos[0]);
    return { alerts: [], error: { message: `not valid YAML: ${e.message.split('\n')[0]}`, at: { start: { line: p.line, column: p.col } } } };
  }
  const top: Span = { start: { line: 1, column: 1 } };
  const groups = get(doc.contents, 'groups');
  const alerts: RuleFileAlert[] = [];
  if (!isSeq(groups)) return { alerts, error: { message: 'a Prometheus rule file needs a top-level "groups:" list', at: top } };
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

/**
 * Every alert has a runbook: alert names in the documents (rule examples, runbook links, alert tables), in the
 * Alertmanager export and in the Prometheus rule files named by `alert_rules` in the config resolve to a runbook's
 * `alerts:`. Rule files also need a `severity` label naming a level and a `runbook_url` into the handbook; promtool
 * checks their syntax when it is installed.
 */
export const alertRunbook: ProjectRule = {
  meta: {
    id: 'alert-runbook',
    description: 'Every alert named in documents, the Alertmanager export and the Prometheus rule files has a runbook; rule files carry a known severity and a runbook_url into the handbook.',
    severity: 'error',
    scope: 'project',
  },
  check(project: Project, index: ProjectIndex): ProjectProblem[] {
    const known = runbookAlerts(index);
    const problems: ProjectProblem[] = [];
    for (const doc of index.byPath.values()) {
      for (const ref of doc.alertRefs ?? []) {
        if (!known.has(ref.name)) problems.push({ file: doc.relPath, message: noRunbook(ref.name), at: { start: { line: ref.line, column: ref.column } } });
      }
    }
    problems.push(...checkExport(project, index, known));
    problems.push(...checkRuleFiles(project, known));
    return problems;
  },
};

/**
 * The Alertmanager config `handbook export alertmanager` writes (with --responder-url too, when data/alert-routing.yaml
 * sets up the responder): every alert name its routes and inhibit rules name resolves to a runbook. Those names come
 * from data/ (the heartbeat alert from alert-routing.yaml), so that is where the finding points.
 */
function checkExport(project: Project, index: ProjectIndex, known: Map<string, unknown>): ProjectProblem[] {
  const routing = project.data['alert-routing'];
  const configs = [alertmanagerConfig(project, index, { siteUrl: '' })];
  if (routing) configs.push(alertmanagerConfig(project, index, { siteUrl: '', responder: { url: 'http://responder.invalid', tokenFile: '/etc/alertmanager/handbook-token' } }));
  const problems: ProjectProblem[] = [];
  const reported = new Set<string>();
  for (const config of configs) {
    for (const { name, where } of exportedAlertNames(config)) {
      if (known.has(name) || reported.has(name)) continue;
      reported.add(name);
      const heartbeat = routing && (routing.value?.heartbeat_alertname ?? 'Watchdog') === name;
      const hasKey = heartbeat && routing.value?.heartbeat_alertname !== undefined;
      problems.push({
        file: heartbeat ? routing.relPath : CONFIG,
        message: `${noRunbook(name)} (the Alertmanager export routes it: ${where}${heartbeat ? ', the heartbeat_alertname of data/alert-routing.yaml' : ''})`,
        at: hasKey ? dataPosition(routing, ['heartbeat_alertname']) : { start: { line: 1, column: 1 } },
      });
    }
  }
  return problems;
}

function checkRuleFiles(project: Project, known: Map<string, { relPath: string; route: string }[]>): ProjectProblem[] {
  const globs = project.config.alert_rules ?? [];
  if (!globs.length) return [];
  const files = globSync(globs, { cwd: project.root, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] }).sort();
  const problems: ProjectProblem[] = [];
  const top: Span = { start: { line: 1, column: 1 } };
  if (!files.length) {
    problems.push({ file: CONFIG, message: `alert_rules matches no file (${globs.join(', ')}): fix the globs or remove the setting`, at: top });
    return problems;
  }
  const levels = project.registries.get('severity') ?? [];
  for (const rel of files) {
    const { alerts, error } = readRuleFile(readFileSync(path.join(project.root, rel), 'utf8'));
    if (error) {
      problems.push({ file: rel, message: `Prometheus rule file is ${error.message.startsWith('not') ? '' : 'invalid: '}${error.message}`, at: error.at });
      continue;
    }
    for (const a of alerts) {
      const runbooks = known.get(a.name);
      if (!runbooks) problems.push({ file: rel, message: noRunbook(a.name), at: a.at });
      if (!a.severity) problems.push({ file: rel, message: `Alert "${a.name}" has no severity label: add labels: {severity: <level>} with one of ${levels.join(', ')} so it is routed`, at: a.at });
      else if (typeof a.severity.value !== 'string' || !levels.includes(a.severity.value)) {
        problems.push({ file: rel, message: unknownRefMessage('severity', a.severity.value, `the severity label of alert "${a.name}"`, levels), at: a.severity.at });
      }
      const stable = `/runbooks/alert/${a.name}`;
      if (!a.runbookUrl) {
        problems.push({ file: rel, message: `Alert "${a.name}" has no runbook_url annotation: add annotations: {runbook_url: "<handbook URL>${stable}"}`, at: a.at });
      } else {
        const p = typeof a.runbookUrl.value === 'string' ? urlPath(a.runbookUrl.value) : undefined;
        const ok = p === stable || (p !== undefined && runbooks?.some((r) => r.route === p));
        if (!ok) {
          problems.push({
            file: rel,
            message: `runbook_url of alert "${a.name}" does not point at its runbook in the handbook: use "<handbook URL>${stable}"${runbooks ? ` or ${runbooks[0].route}` : ''}`,
            at: a.runbookUrl.at,
          });
        }
      }
    }
  }
  problems.push(...promtool(files, project.root));
  return problems;
}

/** `promtool check rules` on the rule files when promtool is installed; a warning saying so when it is not. */
function promtool(files: string[], root: string): ProjectProblem[] {
  const top: Span = { start: { line: 1, column: 1 } };
  const bin = findPromtool();
  if (!bin) {
    return [{ file: CONFIG, level: 'warn', at: top, message: 'promtool is not installed: the Prometheus rule files in alert_rules were checked by the handbook only, not by "promtool check rules" (install Debian\'s prometheus package)' }];
  }
  const out: ProjectProblem[] = [];
  for (const rel of files) {
    const r = spawnSync(bin, ['check', 'rules', rel], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    if (r.error) {
      out.push({ file: rel, level: 'warn', at: top, message: `promtool could not run: ${r.error.message}` });
      continue;
    }
    if (r.status !== 0) {
      const detail = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l && !/^Checking |^FAILED:?$/.test(l)).join('; ');
      out.push({ file: rel, at: top, message: `promtool check rules failed: ${detail || `exit code ${r.status}`}` });
    }
  }
  return out;
}
