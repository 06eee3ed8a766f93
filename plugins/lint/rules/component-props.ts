import { isDocRefKind } from '../doc-refs';
import { spanOf } from '../outline';
import type { FileRule, SchemaProblem, Span } from '../types';
import { unknownRefMessage } from './ref-rules';

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/**
 * The properties of every handbook component (the registry in plugins/lint/components.ts) match the component's props
 * schema in schemas/components/: ids name entries of the registries (x-ref), fields are known, required props are given.
 */
export const componentProps: FileRule = {
  meta: {
    id: 'component-props',
    description: 'Properties of handbook components match their schema; severity, role, team, service, template and policy ids exist in data/.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    const validators = ctx.project.components;
    if (!validators) return;
    const nodes = ctx.outline.nodes ?? {};
    for (const node of [...(nodes.mdxJsxFlowElement ?? []), ...(nodes.mdxJsxTextElement ?? [])]) {
      const name: string | null = node.name;
      if (!name || !validators.has(name)) continue;
      const attrs: JsxAttribute[] = node.attributes ?? [];
      const props: Record<string, unknown> = {};
      let expression = false;
      for (const a of attrs) {
        if (a.type !== 'mdxJsxAttribute' || !a.name) expression = true;
        else if (a.value === null || a.value === undefined) props[a.name] = true;
        else if (typeof a.value === 'string') props[a.name] = a.value;
        else expression = true; // an expression value: mdx-safety reports it; its value is unknown here
      }
      const problems = alternativesFirst(name, validators.get(name)!(props), props);
      const elementAt = spanOf(node);
      for (const p of problems) {
        const attrName = typeof p.path[0] === 'string' ? p.path[0] : undefined;
        const attr = attrName ? attrs.find((a) => a.name === attrName) : undefined;
        const at: Span = attr?.position ? spanOf(attr as Parameters<typeof spanOf>[0]) : elementAt;
        if (expression && (p.keyword === 'required' || p.keyword === 'alternatives')) continue;
        if (p.keyword === 'x-ref' && isDocRefKind(p.refKind)) continue; // exercise ids: exercise-ref, once every document is indexed
        ctx.report({ message: describe(name, p, ctx.project.registries), at });
      }
    }
  },
};

/**
 * A component that takes one of several properties (`<ContactFact role|team|tool|service>`): one problem saying so,
 * instead of "needs role", "needs team", ... and "must match exactly one schema in oneOf".
 */
function alternativesFirst(component: string, problems: SchemaProblem[], props: Record<string, unknown>): SchemaProblem[] {
  const choice = problems.find((p) => (p.keyword === 'oneOf' || p.keyword === 'anyOf') && p.path.length === 0 && p.alternatives);
  if (!choice?.alternatives) return problems;
  const given = choice.alternatives.filter((a) => Object.hasOwn(props, a));
  const quoted = choice.alternatives.map((a) => `${a}="..."`);
  const list = `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  const message = given.length ? `<${component}> takes only one of ${list}; it has ${given.join(' and ')}: keep one` : `<${component}> needs one of the properties ${list}`;
  return [{ keyword: 'alternatives', path: [], message }, ...problems.filter((p) => p !== choice && !(p.keyword === 'required' && p.alternative))];
}

function describe(component: string, p: SchemaProblem, registries: Map<string, string[]>): string {
  const tag = `<${component}>`;
  const prop = String(p.path[0] ?? '');
  switch (p.keyword) {
    case 'x-ref':
      return unknownRefMessage(p.refKind ?? 'id', p.value, `<${component} ${prop}>`, registries.get(p.refKind ?? '') ?? []);
    case 'required': {
      const missing = /"([^"]+)"$/.exec(p.message)?.[1] ?? '';
      return `${tag} needs the property ${missing}="..."`;
    }
    case 'alternatives':
      return p.message;
    case 'additionalProperties':
      return `${tag} has no property "${prop}": remove it or check its spelling`;
    case 'enum':
      return p.message.replace(/^"([^"]+)"/, `"$1" of ${tag}`);
    default:
      return p.message.replace(/^"([^"]+)"/, `"$1" of ${tag}`);
  }
}
