import { parseDuration, humanDuration } from '../duration';
import { dataPosition } from '../load';
import type { DataFile, Project, ProjectIndex, ProjectProblem, ProjectRule } from '../types';

type Problem = ProjectProblem;

function at(file: DataFile, p: (string | number)[], message: string): Problem {
  return { file: file.relPath, message, at: dataPosition(file, p) };
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/**
 * Registries agree with each other: every severity has an escalation policy, escalation steps get later,
 * each role's training module exists, a more severe level never has slower targets, and every id a
 * registry names exists in the registry it names.
 */
export const dataConsistency: ProjectRule = {
  meta: {
    id: 'data-consistency',
    description: 'The data registries agree: policies exist, delays increase, training modules exist, higher severities are never slower.',
    severity: 'error',
    scope: 'project',
  },
  check(project: Project, index: ProjectIndex): Problem[] {
    const out: Problem[] = [];
    const { severity, escalation, roles, teams, services, oncall } = project.data;
    const ids = (kind: string) => new Set(project.registries.get(kind) ?? []);
    const teamIds = ids('team');
    const roleIds = ids('role');
    const levels = list(severity?.value?.levels);

    if (severity) {
      const policyIds = new Set(list(escalation?.value?.policies).map((p) => p?.id));
      const audiences = new Set(Object.keys(severity.value?.audiences ?? {}));
      levels.forEach((level, i) => {
        if (typeof level?.escalation_policy === 'string' && !policyIds.has(level.escalation_policy)) {
          out.push(at(severity, ['levels', i, 'escalation_policy'], `Severity ${level.id} names escalation policy "${level.escalation_policy}", which data/escalation.yaml does not define`));
        }
        list(level?.communication?.audience).forEach((a, j) => {
          if (!audiences.has(a)) out.push(at(severity, ['levels', i, 'communication', 'audience', j], `Severity ${level.id} names audience "${a}", which is not in "audiences"`));
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
            out.push(
              at(severity, ['levels', i, ...pathTo], `${levels[i].id} has a faster ${label} (${humanDuration(cur)}) than the more severe ${levels[i - 1].id} (${humanDuration(prev)}): a higher severity is never slower`),
            );
          }
        }
      }
      const seen = new Set<string>();
      levels.forEach((level, i) => {
        if (seen.has(level?.id)) out.push(at(severity, ['levels', i, 'id'], `Severity id "${level.id}" is defined twice`));
        seen.add(level?.id);
      });
    }

    if (escalation) {
      list(escalation.value?.policies).forEach((policy, i) => {
        let last = -1;
        list(policy?.steps).forEach((step, j) => {
          const after = parseDuration(step?.after);
          if (after !== undefined) {
            // Several steps may share a minute (notify everyone at 0m); they may never go back in time.
            if (after < last) {
              out.push(at(escalation, ['policies', i, 'steps', j, 'after'], `Escalation delays must not decrease: step ${j + 1} of "${policy.id}" is at ${step.after}, earlier than the step before it`));
            }
            last = Math.max(last, after);
          }
          const n = step?.notify ?? {};
          if (n.role && !roleIds.has(n.role)) out.push(at(escalation, ['policies', i, 'steps', j, 'notify', 'role'], `Unknown role "${n.role}" (data/roles.yaml)`));
          if (n.team && !teamIds.has(n.team)) out.push(at(escalation, ['policies', i, 'steps', j, 'notify', 'team'], `Unknown team "${n.team}" (data/teams.yaml)`));
        });
        if (severity && !levels.some((l) => l?.escalation_policy === policy?.id)) {
          out.push(at(escalation, ['policies', i, 'id'], `Escalation policy "${policy.id}" is not used by any severity level`));
        }
      });
    }

    if (roles) {
      const docIds = new Map([...index.byPath.values()].map((d) => [d.docId, d]));
      const rolePages = new Set([...index.byPath.values()].filter((d) => d.type === 'role').map((d) => d.frontmatter.role));
      list(roles.value?.roles).forEach((role, i) => {
        const mod = role?.training_module;
        if (typeof mod === 'string') {
          const doc = docIds.get(mod);
          if (!doc) out.push(at(roles, ['roles', i, 'training_module'], `Training module "${mod}" of role ${role.id} does not exist: add docs/${mod}.mdx or fix the id`));
          else if (doc.type !== 'training-module') out.push(at(roles, ['roles', i, 'training_module'], `"${mod}" is a ${doc.type ?? 'document without a type'}, not a training-module`));
        }
        if (index.byPath.size && !rolePages.has(role?.id)) {
          out.push(at(roles, ['roles', i, 'id'], `Role ${role.id} has no page: add a document with type: role and role: ${role.id}`));
        }
      });
    }

    if (services) {
      list(services.value?.services).forEach((s, i) => {
        if (s?.owner && !teamIds.has(s.owner)) out.push(at(services, ['services', i, 'owner'], `Unknown team "${s.owner}" (data/teams.yaml)`));
        const known = ids('service');
        list(s?.dependencies).forEach((d, j) => {
          if (!known.has(d)) out.push(at(services, ['services', i, 'dependencies', j], `Unknown service "${d}" in dependencies`));
        });
      });
    }

    const rotationIds = new Set(list(oncall?.value?.rotations).map((r) => r?.id));
    if (teams && oncall) {
      list(teams.value?.teams).forEach((t, i) => {
        if (t?.oncall_rotation && !rotationIds.has(t.oncall_rotation)) {
          out.push(at(teams, ['teams', i, 'oncall_rotation'], `Unknown rotation "${t.oncall_rotation}" (data/oncall.yaml)`));
        }
      });
    }
    if (oncall) {
      list(oncall.value?.rotations).forEach((r, i) => {
        if (r?.team && !teamIds.has(r.team)) out.push(at(oncall, ['rotations', i, 'team'], `Unknown team "${r.team}" (data/teams.yaml)`));
        if (r?.role && !roleIds.has(r.role)) out.push(at(oncall, ['rotations', i, 'role'], `Unknown role "${r.role}" (data/roles.yaml)`));
        if (r?.timezone && !validTimeZone(r.timezone)) out.push(at(oncall, ['rotations', i, 'timezone'], `Unknown time zone "${r.timezone}": use an IANA name such as Europe/London`));
      });
    }
    const types = project.data['incident-types'];
    if (types) {
      const sev = ids('severity');
      list(types.value?.types).forEach((t, i) => {
        if (t?.default_severity && !sev.has(t.default_severity)) out.push(at(types, ['types', i, 'default_severity'], `Unknown severity "${t.default_severity}" (data/severity.yaml)`));
        if (t?.lead_team && !teamIds.has(t.lead_team)) out.push(at(types, ['types', i, 'lead_team'], `Unknown team "${t.lead_team}" (data/teams.yaml)`));
      });
    }
    return out;
  },
};

function get(obj: any, p: string[]): unknown {
  return p.reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
