/** The package's `handbook` command: lint, new, rules and init for any Docusaurus site. */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../../scripts/cli/errors';
import { lintCommand } from '../../scripts/cli/lint';
import { newCommand } from '../../scripts/cli/new';
import { rulesCommand } from '../../scripts/cli/rules';
import { initCommand } from './init';
import { FORMATS } from './reporters/index';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('handbook').description('Check a docs-as-code handbook in a Docusaurus site.').exitOverride().showHelpAfterError();
  program
    .command('lint')
    .description('Check documents and data against the schemas and rules')
    .argument('[paths...]', 'files or folders (default: every content root)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, got "${v}"`);
      return Number(v);
    })
    .option('--now <date>', 'treat this date as today; also HANDBOOK_NOW')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output-file <file>', 'write the report to a file')
    .option('--no-color', 'plain output')
    .option('--cache', 'reuse results for unchanged files (kept outside the repository)')
    .option('--cache-location <file>', 'where to keep the cache')
    .option('--shard <i/n>', 'check only shard i of n')
    .option('--workers <n>', 'worker threads (0: none)')
    .action(async (paths: string[], opts) => {
      code = await lintCommand(paths, opts);
    });
  program
    .command('new')
    .description('Write a new document of a type, with what a person must fill in marked')
    .argument('<type>', 'document type')
    .argument('<name>', 'title of the document')
    .option('--dir <folder>', 'folder to write into')
    .action(async (type: string, name: string, opts) => {
      code = await newCommand(type, name, opts);
    });
  program
    .command('rules')
    .description('List the rules with their default severity and documentation URL')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => {
      code = await rulesCommand(opts);
    });
  program
    .command('init')
    .description('Write handbook.config.yaml and minimal data registries into an existing Docusaurus site')
    .option('--docs <folders>', 'content folders, comma-separated (default: the docs folders found)')
    .option('--force', 'overwrite existing files')
    .action(async (opts) => {
      code = await initCommand(process.cwd(), opts);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 2;
    if (e instanceof UsageError) {
      process.stderr.write(`handbook: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}
