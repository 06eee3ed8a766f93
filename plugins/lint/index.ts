/**
 * @incident-handbook/lint: the handbook linter as a library.
 *
 *   import { createLinter, rules, remarkHandbook, docusaurusParseFrontMatter } from '@incident-handbook/lint';
 *   const linter = createLinter({ root: process.cwd(), rules });
 */
export { createLinter, nowFromEnv, type Linter, type LinterOptions, type LintFilesOptions, type RuleDescription } from './linter';
export { rules } from './rules/index';
export { formatters, FORMATS, type Formatter, type FormatContext, type Format } from './reporters/index';
export { docusaurusParseFrontMatter } from './docusaurus-front-matter';
export { default as remarkHandbook, type RemarkHandbookOptions } from '../remark-handbook/index';
export { ConfigError } from './errors';
export { DOC_TYPES } from './doc-types';
export type {
  CrossDocumentContext,
  CrossDocumentRule,
  DocumentContext,
  DocumentRule,
  FileResult,
  LintMessage,
  LintRule,
  ProjectContext,
  WholeProjectRule,
} from './types';
