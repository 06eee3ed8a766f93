import { writeFileSync } from 'node:fs';
import { formatters, isFormat, FORMATS } from '../../plugins/lint/reporters/index';
import { packageVersion } from '../../plugins/lint/version';
import type { FileResult, Level } from '../../plugins/lint/types';
import { parseWorkers } from './args';
import { UsageError } from './errors';
import { openLinter, openProject, parseNow } from './project';
import { checkSuppressionOptions, suppressionStep, type SuppressionOpts } from './lint-suppressions';
import { fixStep } from './lint-fix';
import { ENGINE_RULES } from '../../plugins/lint/ruleset';
import { rules } from '../../plugins/lint/rules/index';

interface LintOpts extends SuppressionOpts {
  fix?: boolean;
  format: string;
  maxWarnings?: number;
  now?: string;
  rule: string[];
  quiet?: boolean;
  outputFile?: string;
  color: boolean;
  cache?: boolean;
  cacheLocation?: string;
  shard?: string;
  workers?: string;
}

export function parseRuleLevels(specs: string[]): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const spec of specs) {
    const m = /^([a-z0-9-]+)=(off|warn|error)$/.exec(spec);
    if (!m) throw new UsageError(`--rule needs id=off|warn|error, got "${spec}"`);
    out[m[1]] = m[2] as Level;
  }
  return out;
}

export async function lintCommand(paths: string[], opts: LintOpts): Promise<number> {
  if (!isFormat(opts.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${opts.format}"`);
  const now = parseNow(opts.now);
  const ruleLevels = parseRuleLevels(opts.rule ?? []);
  checkSuppressionOptions(opts, new Set([...rules.map((r) => r.meta.id), ...Object.keys(ENGINE_RULES)]));
  const project = openProject(process.cwd(), { memo: opts.cache === true });
  let shard: { index: number; count: number } | undefined;
  if (opts.shard) {
    const m = /^(\d+)\/(\d+)$/.exec(opts.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard needs i/n with 1 <= i <= n, e.g. 2/4; got "${opts.shard}"`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  let workers: number | undefined;
  if (opts.workers !== undefined) {
    const w = parseWorkers(opts.workers);
    if (w.capped) process.stderr.write(`handbook: --workers ${opts.workers} capped at ${w.workers}, the number of cores\n`);
    workers = w.workers;
  }
  const linter = openLinter({ project, now, ruleLevels, workers, cache: opts.cache ? { location: opts.cacheLocation } : false });
  // --fix first, so the report (and --suppress-all) sees the fixed files.
  const fixNotes = opts.fix ? (await fixStep(linter, paths, now)).notes : [];
  for (const note of fixNotes) process.stderr.write(`handbook: ${note}\n`);
  const linted = await linter.lintFiles(paths, { shard });
  const suppressed = suppressionStep(linter.root, linted, opts, !paths?.length && !shard);
  const raw = suppressed.results;
  const results: FileResult[] = opts.quiet ? raw.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 })) : raw;
  const out = formatters[opts.format](results, {
    rules: linter.describeRules(),
    color: opts.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true,
    version: packageVersion(),
  });
  if (opts.outputFile) writeFileSync(opts.outputFile, out);
  else process.stdout.write(out);
  for (const note of suppressed.notes) process.stderr.write(`handbook: ${note}\n`);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0 || suppressed.unpruned) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    process.stderr.write(`handbook: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${opts.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
