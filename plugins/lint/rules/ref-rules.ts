/** Helpers shared by the *-ref rules: each reports the schema's x-ref failures of one registry. */
import type { FileContext, FileRule } from '../types';
import { pathLabel } from '../schema-errors';
import { placeholderPattern } from './no-placeholders';

const SOURCES: Record<string, string> = {
  severity: 'data/severity.yaml',
  role: 'data/roles.yaml',
  team: 'data/teams.yaml',
  service: 'data/services.yaml',
  'incident-type': 'data/incident-types.yaml',
  control: 'data/frameworks/',
  template: 'data/templates.yaml',
  policy: 'data/escalation.yaml',
};

/** "Unknown severity "P0" in <where>: did you mean ...? known: ... (data/severity.yaml)": one wording for every reference. */
export function unknownRefMessage(kind: string, value: unknown, where: string, known: string[]): string {
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  const near = closest(String(value), known);
  const hint = near ? `did you mean "${near}"? ` : '';
  return `Unknown ${kind} ${JSON.stringify(value)} in ${where}: ${hint}known: ${list || '(none)'} (${SOURCES[kind] ?? 'data/'})`;
}

export function reportRefs(ctx: FileContext, kind: string): void {
  const known = ctx.project.registries.get(kind) ?? [];
  for (const p of ctx.schemaErrors) {
    if (p.keyword !== 'x-ref' || p.refKind !== kind) continue;
    // A placeholder (owner: TODO, as "handbook new" writes) is no-placeholders' to report, once.
    if (typeof p.value === 'string' && placeholderPattern(ctx.project.config.placeholders).test(p.value)) continue;
    ctx.report({ message: unknownRefMessage(kind, p.value, `"${pathLabel(p.path)}"`, known), path: p.path });
  }
}

/** The known id within edit distance 2, if exactly one is that close. */
function closest(value: string, known: string[]): string | undefined {
  const near = known.filter((k) => distance(value.toLowerCase(), k.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}

export function refRule(id: string, kind: string, description: string): FileRule {
  return { meta: { id, description, severity: 'error', scope: 'file' }, check: (ctx) => reportRefs(ctx, kind) };
}
