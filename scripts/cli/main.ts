/** The `handbook` CLI: lint, new, rules (and more commands registered by their own modules). */
import { Command, CommanderError, Option } from 'commander';
import { lintCommand } from './lint';
import { newCommand } from './new';
import { rulesCommand } from './rules';
import { UsageError } from './errors';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('handbook')
    .description('Check and work with a docs-as-code incident handbook.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run "handbook --help" for usage)');

  program
    .command('lint')
    .description('Check documents and data against the schemas and rules')
    .argument('[paths...]', 'files or folders (default: every content root)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github', 'junit']).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v) => parseCount(v, '--max-warnings'))
    .option('--now <date>', 'treat this date as today (freshness, overdue checks); also HANDBOOK_NOW')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts) => {
      code = await lintCommand(paths, opts);
    });

  program
    .command('new')
    .description('Write a new document of a type, with the parts a person must fill in marked for no-placeholders')
    .argument('<type>', 'document type, e.g. runbook, postmortem, training-module')
    .argument('<name>', 'title of the document; the file name is derived from it')
    .option('--dir <folder>', 'folder to write into (default: the usual folder for the type)')
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

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`handbook: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}

function parseCount(v: string, flag: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${flag} needs a whole number, got "${v}"`);
  return Number(v);
}
