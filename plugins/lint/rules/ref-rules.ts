/** Helpers shared by the *-ref rules: each reports the schema's x-ref failures of one registry. */
import { pathLabel } from '../schema-errors';
import { closest } from '../suggest';
import type { DocumentContext, DocumentRule } from '../types';

const SOURCES: Record<string, string> = {
  severity: 'data/severity.yaml',
  role: 'data/roles.yaml',
  team: 'data/teams.yaml',
  service: 'data/services.yaml',
  'incident-type': 'data/incident-types.yaml',
  control: 'data/frameworks/',
  template: 'data/templates.yaml',
  policy: 'data/escalation.yaml',
  exercise: 'documents with type: exercise',
};

/** The data an unknown reference is described with: the same wording for front matter and component props. */
export function unknownRefData(kind: string, value: unknown, where: string, known: string[]): Record<string, string> {
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  const near = closest(String(value), known);
  return { kind, value: JSON.stringify(value), where, hint: near ? `did you mean "${near}"? ` : '', known: list || '(none)', source: SOURCES[kind] ?? 'data/' };
}

export const UNKNOWN_REF = 'Unknown {{kind}} {{value}} in {{where}}: {{hint}}known: {{known}} ({{source}})';

/** "Unknown severity "P0" in <where>: did you mean ...? known: ... (data/severity.yaml)": one wording for every reference. */
export function unknownRefMessage(kind: string, value: unknown, where: string, known: string[]): string {
  const d = unknownRefData(kind, value, where, known);
  return `Unknown ${d.kind} ${d.value} in ${d.where}: ${d.hint}known: ${d.known} (${d.source})`;
}

type RefMessage = 'unknown';

function reportRefs(ctx: DocumentContext<unknown, RefMessage>, kind: string): void {
  const known = ctx.project.registries.get(kind) ?? [];
  // Placeholders (owner: TODO) were already taken out of schemaErrors by the engine while no-placeholders is on.
  for (const p of ctx.schemaErrors) {
    if (p.keyword !== 'x-ref' || p.refKind !== kind) continue;
    ctx.report({ messageId: 'unknown', data: unknownRefData(kind, p.value, `"${pathLabel(p.path)}"`, known), path: p.path });
  }
}

export function refRule(id: string, kind: string, description: string): DocumentRule<unknown, RefMessage> {
  return {
    meta: { id, kind: 'document', description, severity: 'error', messages: { unknown: UNKNOWN_REF } },
    check: (ctx) => reportRefs(ctx, kind),
  };
}
