import { isDocRefKind } from '../doc-refs';
import { spanOf } from '../outline';
import type { DocumentRule, ReportDescriptor, SchemaProblem, Span } from '../types';
import { UNKNOWN_REF, unknownRefData } from './ref-rules';

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
type Messages = 'unknownRef' | 'needsProperty' | 'needsOneOf' | 'onlyOneOf' | 'unknownProperty' | 'invalidValue' | 'invalid';

export const componentProps: DocumentRule<Record<string, never>, Messages> = {
  meta: {
    id: 'component-props',
    kind: 'document',
    description: 'Properties of handbook components match their schema; severity, role, team, service, template and policy ids exist in data/.',
    severity: 'error',
    messages: {
      unknownRef: UNKNOWN_REF,
      needsProperty: '<{{component}}> needs the property {{property}}="..."',
      needsOneOf: '<{{component}}> needs one of the properties {{list}}',
      onlyOneOf: '<{{component}}> takes only one of {{list}}; it has {{given}}: keep one',
      unknownProperty: '<{{component}}> has no property "{{property}}": remove it or check its spelling',
      invalidValue: '"{{property}}" of <{{component}}> {{problem}}',
      invalid: '<{{component}}>: {{problem}}',
    },
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
        ctx.report({ ...describe(name, p, ctx.project.registries), at });
      }
    }
  },
};

/** A problem found by the schema, or the choice between alternatives (`alternatives`, with `data` ready to report). */
type PropProblem = SchemaProblem | { keyword: 'alternatives'; path: []; messageId: 'needsOneOf' | 'onlyOneOf'; data: Record<string, string> };

/**
 * A component that takes one of several properties (`<ContactFact role|team|tool|service>`): one problem saying so,
 * instead of "needs role", "needs team", ... and "must match exactly one schema in oneOf".
 */
function alternativesFirst(component: string, problems: SchemaProblem[], props: Record<string, unknown>): PropProblem[] {
  const choice = problems.find((p) => (p.keyword === 'oneOf' || p.keyword === 'anyOf') && p.path.length === 0 && p.alternatives);
  if (!choice?.alternatives) return problems;
  const given = choice.alternatives.filter((a) => Object.hasOwn(props, a));
  const quoted = choice.alternatives.map((a) => `${a}="..."`);
  const list = `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  const alternatives: PropProblem = given.length
    ? { keyword: 'alternatives', path: [], messageId: 'onlyOneOf', data: { component, list, given: given.join(' and ') } }
    : { keyword: 'alternatives', path: [], messageId: 'needsOneOf', data: { component, list } };
  return [alternatives, ...problems.filter((p) => p !== choice && !(p.keyword === 'required' && p.alternative))];
}

function describe(component: string, p: PropProblem, registries: Map<string, string[]>): ReportDescriptor<Messages> {
  if ('messageId' in p) return { messageId: p.messageId, data: p.data };
  const property = String(p.path[0] ?? '');
  switch (p.keyword) {
    case 'x-ref':
      return { messageId: 'unknownRef', data: unknownRefData(p.refKind ?? 'id', p.value, `<${component} ${property}>`, registries.get(p.refKind ?? '') ?? []) };
    case 'required':
      return { messageId: 'needsProperty', data: { component, property: /"([^"]+)"$/.exec(p.message)?.[1] ?? '' } };
    case 'additionalProperties':
      return { messageId: 'unknownProperty', data: { component, property } };
    default: {
      // Schema messages start with the quoted property: '"field" must be one of: ...'.
      const m = /^"([^"]+)" (.*)$/s.exec(p.message);
      return m
        ? { messageId: 'invalidValue', data: { component, property: m[1], problem: m[2] } }
        : { messageId: 'invalid', data: { component, problem: p.message } };
    }
  }
}
