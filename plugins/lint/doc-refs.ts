/**
 * References to documents rather than to data registries. An exercise id is the doc id of a document with
 * `type: exercise`, so it is known only once every document is indexed: document rules leave these references
 * alone, the engine keeps them (with positions) in the document's summary, and the cross-document rule for the
 * kind (exercise-ref) checks them against the index.
 */
import { pathLabel } from './schema-errors';
import { spanOf } from './outline';
import type { Outline, Project, SchemaProblem, Span } from './types';

/** Reference kind -> the document type whose doc ids it names. */
export const DOC_REF_KINDS: Readonly<Record<string, string>> = { exercise: 'exercise' };

export const isDocRefKind = (kind: string | undefined): boolean => kind !== undefined && Object.hasOwn(DOC_REF_KINDS, kind);

/** One reference to a document: what names it (`"scenario"`, `<ExerciseLink exercise>`) and where. */
export interface DocRef {
  kind: string;
  value: string;
  where: string;
  line: number;
  column: number;
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The document references in a document's front matter (its schema problems) and in its components' properties. */
export function collectDocRefs(
  project: Project,
  outline: Outline,
  frontMatterProblems: SchemaProblem[],
  positionOf: (p: (string | number)[]) => Span,
): DocRef[] {
  const refs: DocRef[] = [];
  for (const p of frontMatterProblems) {
    if (p.keyword !== 'x-ref' || !isDocRefKind(p.refKind) || typeof p.value !== 'string') continue;
    const at = positionOf(p.path).start;
    refs.push({ kind: p.refKind as string, value: p.value, where: `"${pathLabel(p.path)}"`, line: at.line, column: at.column });
  }
  const validators = project.components;
  const nodes = outline.nodes ?? {};
  if (!validators) return refs;
  for (const node of [...(nodes.mdxJsxFlowElement ?? []), ...(nodes.mdxJsxTextElement ?? [])] as { name?: string | null; attributes?: JsxAttribute[] }[]) {
    const name = node.name;
    if (!name || !validators.has(name)) continue;
    const attrs = node.attributes ?? [];
    const props: Record<string, unknown> = {};
    for (const a of attrs) if (a.type === 'mdxJsxAttribute' && a.name && typeof a.value === 'string') props[a.name] = a.value;
    for (const p of validators.get(name)!(props)) {
      if (p.keyword !== 'x-ref' || !isDocRefKind(p.refKind) || typeof p.value !== 'string') continue;
      const prop = String(p.path[0] ?? '');
      const attr = attrs.find((a) => a.name === prop);
      const at = attr?.position ? spanOf(attr as Parameters<typeof spanOf>[0]).start : { line: 1, column: 1 };
      refs.push({ kind: p.refKind as string, value: p.value, where: `<${name} ${prop}>`, line: at.line, column: at.column });
    }
  }
  return refs;
}
