/**
 * The front matter parser plugged into Docusaurus (`markdown.parseFrontMatter`): the linter's strict YAML parser,
 * the deterministic input limits, and a refusal of characters that can never be legitimate in front matter
 * (control characters, bidirectional overrides). `<` and `>` stay valid ("p99 < 100 ms"): the places that write
 * front matter into markup escape them (see plugins/lib/escape.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { forbiddenCharacter } from '../lib/escape';
import { parseFrontMatter } from './frontmatter';
import { checkInputLimits, resolveLimits, type InputLimits } from './limits';

export interface CharacterProblem {
  path: (string | number)[];
  what: string;
}

/** Every string in the front matter (keys included) holding a control or bidi character, breadth first (no recursion). */
export function frontMatterCharacterProblems(data: Record<string, unknown>): CharacterProblem[] {
  const out: CharacterProblem[] = [];
  const queue: { v: unknown; path: (string | number)[] }[] = [{ v: data, path: [] }];
  for (let i = 0; i < queue.length; i++) {
    const { v, path: p } = queue[i];
    if (typeof v === 'string') {
      const what = forbiddenCharacter(v);
      if (what) out.push({ path: p, what });
    } else if (Array.isArray(v)) v.forEach((x, j) => queue.push({ v: x, path: [...p, j] }));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const what = forbiddenCharacter(k);
        if (what) out.push({ path: [...p, k], what });
        queue.push({ v: x, path: [...p, k] });
      }
    }
  }
  return out;
}

function limitsOf(root: string): InputLimits {
  const file = path.join(root, 'handbook.config.yaml');
  if (!existsSync(file)) return resolveLimits(undefined);
  try {
    return resolveLimits(parse(readFileSync(file, 'utf8'))?.limits);
  } catch {
    return resolveLimits(undefined); // a broken config is reported by the linter with its line
  }
}

type Hook = (args: { filePath: string; fileContent: string }) => Promise<{ frontMatter: Record<string, unknown>; content: string }>;

/** Docusaurus's `markdown.parseFrontMatter` for the project at `root`. Throws file:line:column messages. */
export function docusaurusFrontMatter(root: string): Hook {
  let limits: InputLimits | undefined;
  return async ({ filePath, fileContent }) => {
    limits ??= limitsOf(root);
    const text = fileContent.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const over = checkInputLimits(text, limits);
    if (over) throw new Error(`${filePath}:${over.line}:${over.column} ${over.message} (input-limits)`);
    const fm = parseFrontMatter(text);
    if (fm.problems.length) {
      const p = fm.problems[0];
      throw new Error(`${filePath}:${p.at.start.line}:${p.at.start.column} ${p.message} (frontmatter-syntax)`);
    }
    const bad = frontMatterCharacterProblems(fm.data)[0];
    if (bad) throw new Error(`${filePath}: front matter "${bad.path.join('.')}" contains ${bad.what}: remove it (mdx-safety)`);
    return { frontMatter: fm.data, content: fm.content };
  };
}
