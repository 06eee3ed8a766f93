/** `handbook coverage`: per control, the documents and evidence that cover it, and its status. */
import { computeCoverage } from '../../plugins/lib/coverage';
import { coverageCsv, coverageMarkdown, coverageTable } from '../../plugins/lib/coverage-format';
import { UsageError } from './errors';
import { loadIndex, openProject, parseNow, siteUrlFor } from './project';

export async function coverageCommand(opts: { framework?: string; format: string; siteUrl?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  let fws = computeCoverage(project, await loadIndex(project), parseNow(opts.now));
  if (opts.framework) {
    const known = fws.map((f) => f.id);
    fws = fws.filter((f) => f.id === opts.framework);
    if (!fws.length) throw new UsageError(`unknown framework "${opts.framework}": use one of ${known.join(', ')}`);
  }
  const site = siteUrlFor(project, opts.siteUrl) ?? '';
  switch (opts.format) {
    case 'json':
      process.stdout.write(JSON.stringify(fws, null, 2) + '\n');
      break;
    case 'csv':
      process.stdout.write(coverageCsv(fws, site));
      break;
    case 'markdown':
      process.stdout.write(coverageMarkdown(fws, site));
      break;
    case 'table':
      process.stdout.write(coverageTable(fws));
      break;
    default:
      throw new UsageError('--format must be table, json, csv or markdown');
  }
  const required = new Set(project.config.required_frameworks ?? []);
  const gaps = fws.filter((f) => required.has(f.id) && f.covered < f.controls.length);
  if (gaps.length) {
    process.stderr.write(
      `handbook coverage: required frameworks with gaps: ${gaps.map((f) => `${f.id} (${f.partial} partial, ${f.missing} missing)`).join(', ')}\n`,
    );
    return 1;
  }
  return 0;
}
