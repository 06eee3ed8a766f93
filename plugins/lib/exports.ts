/** Machine-readable exports for automation: the /api/*.json files and the Alertmanager routing tree. */
import type { Project, ProjectIndex } from '../lint/types';
import { incidentRecords, postmortemRecords } from './records';
import { siteData, siteRunbooks } from '../docusaurus-plugin-handbook/site-data';
import { escalationPolicies, severityLevels, type SeverityLevel } from '../lint/registries';
import { alertRoutingData } from '../incidents/alert-routing';
import { alertRoute } from '../lint/routes';

export interface ApiFile {
  name: string;
  schema: string; // schema file in schemas/
  data: unknown;
}

export function apiFiles(project: Project, index: ProjectIndex, siteUrl = ''): ApiFile[] {
  const site = siteData(project, index);
  const pms = postmortemRecords(index);
  return [
    { name: 'severity.json', schema: 'severity.schema.json', data: project.data.severity?.value ?? {} },
    { name: 'roles.json', schema: 'roles.schema.json', data: project.data.roles?.value ?? {} },
    { name: 'escalation.json', schema: 'escalation.schema.json', data: project.data.escalation?.value ?? {} },
    { name: 'runbooks.json', schema: 'api-runbooks.schema.json', data: { runbooks: site.runbooks.map((r) => ({ ...r, url: `${siteUrl}${r.route}` })) } },
    {
      name: 'incidents.json',
      schema: 'api-incidents.schema.json',
      data: {
        incidents: incidentRecords(index).map((i) => {
          const pm = pms.find((p) => p.incident === i.id);
          return {
            ...i,
            url: `${siteUrl}${i.route}`,
            postmortem: pm ? { status: pm.status, url: `${siteUrl}${pm.route}`, action_items: pm.action_items } : null,
          };
        }),
      },
    },
  ];
}

export interface ResponderTarget {
  /** Base URL of `handbook serve`, e.g. https://responder.internal:8080 */
  url: string;
  /** File on the Alertmanager host holding one bearer token of the responder (Alertmanager 0.25 reads it at each send). */
  tokenFile: string;
}

/**
 * The responder's part of an Alertmanager config: a receiver that posts every alert to /hooks/alertmanager with
 * `http_config.authorization.credentials_file` (Alertmanager 0.25 has no webhook `url_file`), a route that sends
 * every alert there and then continues (`continue: true`) to the severity routes, so pages reach the pager
 * directly as well and the responder is never a single point of failure, and a Watchdog heartbeat route.
 */
export function responderRoutes(target: ResponderTarget, heartbeat = 'Watchdog') {
  const base = target.url.replace(/\/+$/, '');
  const receiver = {
    name: 'handbook-responder',
    webhook_configs: [
      {
        url: `${base}/hooks/alertmanager`,
        send_resolved: true,
        max_alerts: 0,
        http_config: { authorization: { type: 'Bearer', credentials_file: target.tokenFile } },
      },
    ],
  };
  const routes = [
    // Always firing: the responder reports when it stops arriving (Prometheus or Alertmanager broken).
    { receiver: 'handbook-responder', matchers: [`alertname="${heartbeat}"`], group_wait: '0s', group_interval: '1m', repeat_interval: '1m', continue: false },
    // Every other alert reaches the responder, then continues to the severity routes below.
    { receiver: 'handbook-responder', matchers: [`alertname=~".+"`], group_by: ['alertname', 'service'], continue: true },
  ];
  return { receiver, routes };
}

/** An Alertmanager matcher for one label of an alert-routing rule: equality, or a regex alternation for a list. */
function labelMatcher(name: string, value: string | string[]): string {
  const quote = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (!Array.isArray(value)) return `${name}="${quote(value)}"`;
  const literal = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `${name}=~"${quote(value.map(literal).join('|'))}"`;
}

/** An Alertmanager config: one receiver per severity, routes by the `severity` label, higher severities inhibit lower ones. */
export function alertmanagerConfig(
  project: Project,
  index: ProjectIndex,
  opts: { siteUrl: string; severityLabel?: string; responder?: ResponderTarget },
): Record<string, unknown> {
  const label = opts.severityLabel ?? 'severity';
  const levels = severityLevels(project);
  const policies = escalationPolicies(project);
  const receiverOf = (l: SeverityLevel) => {
    const via = policies.find((p) => p.id === l.escalation_policy)?.steps?.[0]?.via ?? 'ticket';
    return `${l.id.toLowerCase()}-${via}`;
  };
  // Only the runbooks: the whole site data (doctor, training status) cost the lint's alert-runbook rule a second a run.
  const runbooks = siteRunbooks(index);
  const lowest = levels[levels.length - 1];
  const heartbeat = alertRoutingData(project).heartbeat_alertname ?? 'Watchdog';
  const responder = opts.responder ? responderRoutes(opts.responder, heartbeat) : undefined;
  const receivers = [...new Set(levels.map(receiverOf))].map((name) =>
    responder
      ? // With the responder, each severity receiver is where the organisation's pager is configured directly
        // (pagerduty_configs, slack_configs...): the responder already receives every alert.
        { name }
      : {
          name,
          // The URL lives in a file so secrets stay out of the repository; point it at the paging tool, chat or ticket bridge.
          webhook_configs: [{ url_file: `/etc/alertmanager/secrets/${name}.url`, send_resolved: true }],
        },
  );
  const routing = project.data['alert-routing']?.value as
    { routes?: { match: Record<string, string | string[]>; severity: string }[]; default_severity?: string } | undefined;
  const routingRules = routing?.routes ?? [];
  const fallback = levels.find((l) => l.id === routing?.default_severity) ?? lowest;
  return {
    route: {
      receiver: fallback ? receiverOf(fallback) : 'default',
      group_by: ['alertname', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        ...(responder?.routes ?? []),
        // The rules of data/alert-routing.yaml first, in their order, as the responder applies them: an alert labelled
        // `severity: critical` reaches the pager of the level it maps to directly, not only through the responder.
        ...routingRules.flatMap((r) => {
          const l = levels.find((x) => x.id === r.severity);
          return l
            ? [
                {
                  receiver: receiverOf(l),
                  matchers: Object.entries(r.match).map(([k, v]) => labelMatcher(k, v)),
                  continue: false,
                  ...(l.major_incident ? { group_wait: '0s', repeat_interval: '30m' } : {}),
                },
              ]
            : [];
        }),
        ...levels.map((l) => ({
          receiver: receiverOf(l),
          matchers: [`${label}="${l.id}"`],
          continue: false,
          ...(l.major_incident ? { group_wait: '0s', repeat_interval: '30m' } : {}),
        })),
      ],
    },
    inhibit_rules: levels.slice(0, -1).map((l, i) => ({
      source_matchers: [`${label}="${l.id}"`],
      target_matchers: [
        `${label}=~"${levels
          .slice(i + 1)
          .map((x) => x.id)
          .join('|')}"`,
      ],
      equal: ['alertname', 'service'],
    })),
    receivers: [...(responder ? [responder.receiver] : []), ...receivers],
    ...(responder ? {} : { templates: ['/etc/alertmanager/templates/*.tmpl'] }),
    // Not part of Alertmanager's schema: removed before writing, kept for the runbook URL mapping export.
    _runbook_urls: Object.fromEntries(runbooks.flatMap((r) => r.alerts.map((a) => [a, `${opts.siteUrl}${alertRoute(a)}`]))),
  };
}

/** An alert name an Alertmanager config routes or inhibits by, and where in the config. */
export interface ExportedAlertName {
  name: string;
  /** e.g. route.routes[0].matchers[0], inhibit_rules[1].source_matchers[0] */
  where: string;
}

const PLAIN_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;

/** The names an `alertname` matcher selects: `alertname="X"`, or `alertname=~"A|B"` when every alternative is a plain name. */
function namesOfMatcher(matcher: string): string[] {
  const m = /^\s*alertname\s*(=~|=)\s*"?((?:[^"\\]|\\.)*)"?\s*$/.exec(matcher);
  if (!m) return [];
  if (m[1] === '=') return [m[2]];
  const alternatives = m[2].replace(/^\^?\(?|\)?\$?$/g, '').split('|');
  return alternatives.every((a) => PLAIN_NAME.test(a)) ? alternatives : []; // a real pattern (.+): selects no name in particular
}

/**
 * Every alert name an Alertmanager config names: in the matchers of the route tree (nested routes included) and of
 * the inhibit rules, in both syntaxes (`matchers: ['alertname="X"']` and the older `match:` / `match_re:` maps).
 */
export function exportedAlertNames(config: Record<string, unknown>): ExportedAlertName[] {
  const out: ExportedAlertName[] = [];
  const fromBlock = (block: Record<string, unknown>, where: string, keys: [matchers: string, match: string, matchRe: string]) => {
    const [mk, eqk, rek] = keys;
    const list = block[mk];
    if (Array.isArray(list))
      list.forEach((s, i) => typeof s === 'string' && namesOfMatcher(s).forEach((name) => out.push({ name, where: `${where}.${mk}[${i}]` })));
    const eq = block[eqk] as Record<string, unknown> | undefined;
    if (eq && typeof eq.alertname === 'string') out.push({ name: eq.alertname, where: `${where}.${eqk}.alertname` });
    const re = block[rek] as Record<string, unknown> | undefined;
    if (re && typeof re.alertname === 'string')
      namesOfMatcher(`alertname=~"${re.alertname}"`).forEach((name) => out.push({ name, where: `${where}.${rek}.alertname` }));
  };
  // The route tree, without recursion (a generated tree is shallow, but a hand-edited one need not be).
  const stack: [Record<string, unknown>, string][] = [];
  if (config.route && typeof config.route === 'object') stack.push([config.route as Record<string, unknown>, 'route']);
  while (stack.length) {
    const [route, where] = stack.pop()!;
    fromBlock(route, where, ['matchers', 'match', 'match_re']);
    const children = route.routes;
    if (Array.isArray(children))
      for (let i = children.length - 1; i >= 0; i--) if (children[i] && typeof children[i] === 'object') stack.push([children[i], `${where}.routes[${i}]`]);
  }
  const inhibit = config.inhibit_rules;
  if (Array.isArray(inhibit)) {
    inhibit.forEach((rule, i) => {
      if (!rule || typeof rule !== 'object') return;
      fromBlock(rule, `inhibit_rules[${i}]`, ['source_matchers', 'source_match', 'source_match_re']);
      fromBlock(rule, `inhibit_rules[${i}]`, ['target_matchers', 'target_match', 'target_match_re']);
    });
  }
  return out;
}
