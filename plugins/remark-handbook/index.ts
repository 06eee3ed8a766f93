/**
 * The handbook rules inside a Docusaurus build, through the same linter object as the CLI.
 *
 *   const linter = createLinter({ root: __dirname, rules });
 *   remarkPlugins: [[remarkHandbook, { linter }]]
 *
 * Each problem becomes a vfile message (ruleId, source "handbook", url, place). Production build: any error fails
 * the build with file:line messages. Development (`npm start`): printed as warnings, pages still served. Files are
 * compiled twice (client and server); only the client compilation reports, so each problem appears once.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { stringify } from 'yaml';
import { sourceOf } from '../lint/docusaurus-front-matter';
import type { Linter } from '../lint/linter';
import type { FileResult } from '../lint/types';

export interface RemarkHandbookOptions {
  /** The linter created in docusaurus.config.ts (shared with the site plugin). */
  linter: Linter;
  /** Fail on errors (production) or only warn (development). Default: fail unless NODE_ENV is development. */
  failOnError?: boolean;
}

/** Checks the options a site gives; a mistake is reported once, plainly, when the config loads. */
export function validateOptions(options: unknown): RemarkHandbookOptions {
  const o = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o)) if (k !== 'linter' && k !== 'failOnError') problems.push(`unknown option "${k}"`);
  const linter = o.linter as Partial<Linter> | undefined;
  if (!linter || typeof linter.lintText !== 'function') problems.push('"linter" is required: createLinter({ root, rules }) from @incident-handbook/lint');
  if (o.failOnError !== undefined && typeof o.failOnError !== 'boolean') problems.push('"failOnError" must be true or false');
  if (problems.length) throw new Error(`remark-handbook: ${problems.join('; ')}`);
  return o as unknown as RemarkHandbookOptions;
}

export function formatMessages(result: FileResult): string {
  return result.messages
    .map((m) => `  ${result.relPath}:${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  (${m.ruleId})`)
    .join('\n');
}

/**
 * Without docusaurusParseFrontMatter, Docusaurus hands over the body only: put the parsed front matter back in front
 * of it (findings are the same; line numbers of the body shift by the front matter's length).
 */
function withFrontMatter(file: VFile): string {
  const fm = file.data.frontMatter;
  const body = String(file.value);
  return fm && Object.keys(fm).length ? `---\n${stringify(fm)}---\n${body}` : body;
}

export default function remarkHandbook(options: RemarkHandbookOptions) {
  const { linter } = validateOptions(options);
  const dev = process.env.NODE_ENV === 'development';
  const failOnError = options.failOnError ?? (!dev && process.env.HANDBOOK_LINT !== 'warn');
  let indexedAt = Date.now();
  return async (_tree: Root, file: VFile) => {
    if (!file.path || file.data.compilerName === 'server') return;
    const abs = path.resolve(file.path);
    const inRoots = linter.project.config.roots.some((r) => abs.startsWith(path.join(linter.root, r.path) + path.sep));
    if (!inRoots) return;
    // While `docusaurus start` runs, other documents change too: rebuild the index when it is more than 2 s old.
    if (dev && Date.now() - indexedAt > 2000) {
      linter.invalidate();
      indexedAt = Date.now();
    }
    const text = sourceOf(file.data.frontMatter) ?? withFrontMatter(file);
    const result = await linter.lintText(abs, text);
    if (!result.messages.length) return;
    for (const m of result.messages) {
      const msg = file.message(m.message, {
        place: { start: { line: m.line, column: m.column }, end: { line: m.endLine ?? m.line, column: m.endColumn ?? m.column } },
        ruleId: m.ruleId,
        source: 'handbook',
      });
      msg.url = m.url;
      msg.fatal = m.severity === 2 ? true : false;
    }
    const text_ = formatMessages(result);
    // One error naming every problem in the file; Docusaurus prints it and stops the build.
    if (failOnError && result.errorCount > 0) throw new Error(`handbook lint failed for ${result.relPath}:\n${text_}`);
    console.warn(`[handbook] ${result.relPath}\n${text_}`);
  };
}

declare module 'vfile' {
  interface DataMap {
    compilerName: 'client' | 'server';
    frontMatter: Record<string, unknown>;
  }
}
