import { parseDuration, humanDuration } from '../duration';
import { dataPosition } from '../load';
import type { DataFile, WholeProjectRule } from '../types';

/** A mapping read from a data file: every value is unknown until checked. */
type Obj = Record<string, unknown> & { id?: string };

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? (x as Obj) : {})) : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const strings = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const MESSAGES = {
  unknownPolicy: 'Severity {{level}} names escalation policy "{{policy}}", which data/escalation.yaml does not define',
  unknownAudience: 'Severity {{level}} names audience "{{audience}}", which is not in "audiences"',
  slower: '{{level}} has a faster {{label}} ({{value}}) than the more severe {{previous}} ({{previousValue}}): a higher severity is never slower',
  duplicateSeverity: 'Severity id "{{level}}" is defined twice',
  delaysDecrease: 'Escalation delays must not decrease: step {{step}} of "{{policy}}" is at {{after}}, earlier than the step before it',
  unknownRole: 'Unknown role "{{id}}" (data/roles.yaml)',
  unknownTeam: 'Unknown team "{{id}}" (data/teams.yaml)',
  unusedPolicy: 'Escalation policy "{{policy}}" is not used by any severity level',
  missingModule: 'Training module "{{module}}" of role {{role}} does not exist: add docs/{{module}}.mdx or fix the id',
  notModule: '"{{module}}" is a {{type}}, not a training-module',
  noRolePage: 'Role {{role}} has no page: add a document with type: role and role: {{role}}',
  unknownDependency: 'Unknown service "{{id}}" in dependencies',
  unknownRotation: 'Unknown rotation "{{id}}" (data/oncall.yaml)',
  badTimeZone: 'Unknown time zone "{{id}}": use an IANA name such as Europe/London',
  unknownSeverity: 'Unknown severity "{{id}}" (data/severity.yaml)',
} as const;

type Messages = keyof typeof MESSAGES;

/**
 * Registries agree with each other: every severity has an escalation policy, escalation steps get later,
 * each role's training module exists, a more severe level never has slower targets, and every id a
 * registry names exists in the registry it names.
 */
export const dataConsistency: WholeProjectRule<Record<string, never>, Messages> = {
  meta: {
    id: 'data-consistency',
    kind: 'project',
    description: 'The data registries agree: policies exist, delays increase, training modules exist, higher severities are never slower.',
    severity: 'error',
    messages: MESSAGES,
  },
  check(ctx) {
    const { project, index } = ctx;
    const at = (file: DataFile, p: (string | number)[], messageId: Messages, data: Record<string, string | number>) =>
      ctx.report({ messageId, data, file: file.relPath, at: dataPosition(file, p) });
    const { severity, escalation, roles, teams, services, oncall } = project.data;
    const ids = (kind: string) => new Set(project.registries.get(kind) ?? []);
    const has = (set: Set<string>, v: unknown) => typeof v === 'string' && set.has(v);
    const teamIds = ids('team');
    const roleIds = ids('role');
    const levels = list(obj(severity?.value).levels);

    if (severity) {
      const policyIds = new Set(list(obj(escalation?.value).policies).map((p) => p.id));
      const audiences = new Set(Object.keys(obj(obj(severity.value).audiences)));
      levels.forEach((level, i) => {
        const policy = level.escalation_policy;
        if (typeof policy === 'string' && !policyIds.has(policy))
          at(severity, ['levels', i, 'escalation_policy'], 'unknownPolicy', { level: String(level.id), policy });
        strings(obj(level.communication).audience).forEach((a, j) => {
          if (!has(audiences, a))
            at(severity, ['levels', i, 'communication', 'audience', j], 'unknownAudience', { level: String(level.id), audience: String(a) });
        });
      });
      // Levels run from most to least severe: a target may only stay equal or get longer down the list.
      const targets: [string[], string][] = [
        [['response', 'acknowledge_within'], 'acknowledge_within'],
        [['response', 'first_update_within'], 'first_update_within'],
        [['response', 'update_every'], 'update cadence (update_every)'],
      ];
      for (const [pathTo, label] of targets) {
        for (let i = 1; i < levels.length; i++) {
          const prev = parseDuration(get(levels[i - 1], pathTo));
          const cur = parseDuration(get(levels[i], pathTo));
          if (prev !== undefined && cur !== undefined && cur < prev) {
            at(severity, ['levels', i, ...pathTo], 'slower', {
              level: String(levels[i].id),
              label,
              value: humanDuration(cur),
              previous: String(levels[i - 1].id),
              previousValue: humanDuration(prev),
            });
          }
        }
      }
      const seen = new Set<unknown>();
      levels.forEach((level, i) => {
        if (level.id !== undefined && seen.has(level.id)) at(severity, ['levels', i, 'id'], 'duplicateSeverity', { level: String(level.id) });
        seen.add(level.id);
      });
    }

    if (escalation) {
      list(obj(escalation.value).policies).forEach((policy, i) => {
        let last = -1;
        list(policy.steps).forEach((step, j) => {
          const after = parseDuration(step.after);
          if (after !== undefined) {
            // Several steps may share a minute (notify everyone at 0m); they may never go back in time.
            if (after < last)
              at(escalation, ['policies', i, 'steps', j, 'after'], 'delaysDecrease', { step: j + 1, policy: String(policy.id), after: String(step.after) });
            last = Math.max(last, after);
          }
          const n = obj(step.notify);
          if (n.role && !has(roleIds, n.role)) at(escalation, ['policies', i, 'steps', j, 'notify', 'role'], 'unknownRole', { id: String(n.role) });
          if (n.team && !has(teamIds, n.team)) at(escalation, ['policies', i, 'steps', j, 'notify', 'team'], 'unknownTeam', { id: String(n.team) });
        });
        if (severity && !levels.some((l) => l.escalation_policy === policy.id))
          at(escalation, ['policies', i, 'id'], 'unusedPolicy', { policy: String(policy.id) });
      });
    }

    if (roles) {
      const docIds = new Map([...index.byPath.values()].map((d) => [d.docId, d]));
      const rolePages = new Set([...index.byPath.values()].filter((d) => d.type === 'role').map((d) => d.frontmatter.role));
      list(obj(roles.value).roles).forEach((role, i) => {
        const mod = role.training_module;
        if (typeof mod === 'string') {
          const doc = docIds.get(mod);
          if (!doc) at(roles, ['roles', i, 'training_module'], 'missingModule', { module: mod, role: String(role.id) });
          else if (doc.type !== 'training-module')
            at(roles, ['roles', i, 'training_module'], 'notModule', { module: mod, type: doc.type ?? 'document without a type' });
        }
        if (index.byPath.size && !rolePages.has(role.id)) at(roles, ['roles', i, 'id'], 'noRolePage', { role: String(role.id) });
      });
    }

    if (services) {
      const known = ids('service');
      list(obj(services.value).services).forEach((s, i) => {
        if (s.owner && !has(teamIds, s.owner)) at(services, ['services', i, 'owner'], 'unknownTeam', { id: String(s.owner) });
        strings(s.dependencies).forEach((d, j) => {
          if (!has(known, d)) at(services, ['services', i, 'dependencies', j], 'unknownDependency', { id: String(d) });
        });
      });
    }

    const rotationIds = new Set(list(obj(oncall?.value).rotations).map((r) => r.id));
    if (teams && oncall) {
      list(obj(teams.value).teams).forEach((t, i) => {
        if (t.oncall_rotation && !rotationIds.has(t.oncall_rotation as string))
          at(teams, ['teams', i, 'oncall_rotation'], 'unknownRotation', { id: String(t.oncall_rotation) });
      });
    }
    if (oncall) {
      list(obj(oncall.value).rotations).forEach((r, i) => {
        if (r.team && !has(teamIds, r.team)) at(oncall, ['rotations', i, 'team'], 'unknownTeam', { id: String(r.team) });
        if (r.role && !has(roleIds, r.role)) at(oncall, ['rotations', i, 'role'], 'unknownRole', { id: String(r.role) });
        if (r.timezone && !validTimeZone(String(r.timezone))) at(oncall, ['rotations', i, 'timezone'], 'badTimeZone', { id: String(r.timezone) });
      });
    }
    const types = project.data['incident-types'];
    if (types) {
      const sev = ids('severity');
      list(obj(types.value).types).forEach((t, i) => {
        if (t.default_severity && !has(sev, t.default_severity))
          at(types, ['types', i, 'default_severity'], 'unknownSeverity', { id: String(t.default_severity) });
        if (t.lead_team && !has(teamIds, t.lead_team)) at(types, ['types', i, 'lead_team'], 'unknownTeam', { id: String(t.lead_team) });
      });
    }
  },
};

function get(value: unknown, p: string[]): unknown {
  return p.reduce<unknown>((o, k) => obj(o)[k], value);
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
