/**
 * `markdown.parseFrontMatter` for Docusaurus: strict YAML only (Docusaurus's own parser runs `---js` as code), the
 * same parser as the linter. It keeps the text Docusaurus read on the front matter object (not enumerable), so the
 * remark plugin lints exactly what the build compiles, with the right line numbers, without reading the disk.
 */
import { parseFrontMatter } from './frontmatter';

const SOURCE = Symbol.for('incident-handbook.source');

export async function docusaurusParseFrontMatter({
  filePath,
  fileContent,
}: {
  filePath: string;
  fileContent: string;
}): Promise<{ frontMatter: Record<string, unknown>; content: string }> {
  const fm = parseFrontMatter(fileContent.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (fm.problems.length) {
    const p = fm.problems[0];
    throw new Error(`${filePath}:${p.at.start.line}:${p.at.start.column} ${p.message} (frontmatter-syntax)`);
  }
  const frontMatter = { ...fm.data };
  Object.defineProperty(frontMatter, SOURCE, { value: fileContent, enumerable: false });
  return { frontMatter, content: fm.content };
}

type FrontMatterHook = (args: {
  filePath: string;
  fileContent: string;
  [k: string]: unknown;
}) => Promise<{ frontMatter: Record<string, unknown>; content: string }>;

/** Wraps another `markdown.parseFrontMatter` hook so its result keeps the source text for the remark plugin. */
export function withSource<H extends FrontMatterHook>(hook: H): H {
  const wrapped = async (args: Parameters<H>[0]) => {
    const r = await hook(args);
    const frontMatter = { ...r.frontMatter };
    Object.defineProperty(frontMatter, SOURCE, { value: args.fileContent, enumerable: false });
    return { ...r, frontMatter };
  };
  return wrapped as unknown as H;
}

/** The full source of a compiled file, when it went through docusaurusParseFrontMatter. */
export function sourceOf(frontMatter: unknown): string | undefined {
  if (!frontMatter || typeof frontMatter !== 'object') return undefined;
  const v = (frontMatter as Record<symbol, unknown>)[SOURCE];
  return typeof v === 'string' ? v : undefined;
}
