/**
 * `import` statements in an .mdx document: allowed only from the modules the project lists (mdx-safety option
 * `imports`), as plain default or named imports. Everything else an ESM block can hold (export, import attributes,
 * code) is refused. Reads the ESTree that remark-mdx attaches to each ESM node.
 */

/** Where a statement starts in the document (1-based), when the syntax tree says. */
export interface StatementAt {
  line: number;
  column: number;
}

export type ImportProblem = ({ kind: 'export' } | { kind: 'module'; module: string } | { kind: 'shape'; what: string }) & { at?: StatementAt };

interface EsNode {
  type: string;
  source?: { value?: unknown } | null;
  specifiers?: { type: string; local?: { type?: string; name?: string } }[];
  attributes?: unknown[];
  loc?: { start: { line: number; column: number } } | null;
}

interface EsmNode {
  value?: string;
  data?: { estree?: { body?: EsNode[] } | null };
}

/** The component names an ESM block imports from allowed modules, and what is wrong with the block. */
export function importProblems(node: EsmNode, allowed: readonly string[]): { names: string[]; problems: ImportProblem[] } {
  const names: string[] = [];
  const problems: ImportProblem[] = [];
  const body = node.data?.estree?.body;
  if (!body) {
    // Without a syntax tree nothing can be shown to be harmless.
    problems.push(/^\s*export\b/.test(node.value ?? '') ? { kind: 'export' } : { kind: 'module', module: (node.value ?? '').trim().slice(0, 60) });
    return { names, problems };
  }
  for (const statement of body) {
    const at = statement.loc ? { line: statement.loc.start.line, column: statement.loc.start.column + 1 } : undefined;
    const push = (p: ImportProblem) => problems.push(at ? { ...p, at } : p);
    if (statement.type.startsWith('Export')) {
      push({ kind: 'export' });
      continue;
    }
    if (statement.type !== 'ImportDeclaration') {
      push({ kind: 'shape', what: `a ${statement.type} is code` });
      continue;
    }
    const module = String(statement.source?.value ?? '');
    if (!allowed.includes(module)) {
      push({ kind: 'module', module: module.slice(0, 100) });
      continue;
    }
    if (statement.attributes?.length) {
      push({ kind: 'shape', what: `import attributes (with {...}) on "${module}"` });
      continue;
    }
    for (const s of statement.specifiers ?? []) {
      if (s.type === 'ImportNamespaceSpecifier') {
        push({ kind: 'shape', what: `import * from "${module}"; import the components by name` });
        continue;
      }
      if (s.local?.name) names.push(s.local.name);
    }
  }
  return { names, problems };
}
