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
};

type RefMessage = 'unknown';

function reportRefs(ctx: DocumentContext<unknown, RefMessage>, kind: string): void {
  const known = ctx.project.registries.get(kind) ?? [];
  // Placeholders (owner: TODO) were already taken out of schemaErrors by the engine while no-placeholders is on.
  for (const p of ctx.schemaErrors) {
    if (p.keyword !== 'x-ref' || p.refKind !== kind) continue;
    const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
    const near = closest(String(p.value), known);
    ctx.report({
      messageId: 'unknown',
      data: { kind, value: JSON.stringify(p.value), key: pathLabel(p.path), hint: near ? `did you mean "${near}"? ` : '', known: list || '(none)', source: SOURCES[kind] },
      path: p.path,
    });
  }
}

export function refRule(id: string, kind: string, description: string): DocumentRule<unknown, RefMessage> {
  return {
    meta: { id, kind: 'document', description, severity: 'error', messages: { unknown: 'Unknown {{kind}} {{value}} in "{{key}}": {{hint}}known: {{known}} ({{source}})' } },
    check: (ctx) => reportRefs(ctx, kind),
  };
}
