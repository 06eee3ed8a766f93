/**
 * What the two `handbook` commands share: the repository's CLI (scripts/cli/main.ts) and the package's
 * (plugins/lint/cli.ts) register the same document commands from here and map errors to exit codes the same way,
 * so the package never falls behind the repository's options.
 */
import { packageVersion } from '../../plugins/lint/version';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS } from '../../plugins/lint/reporters/index';
import { ConfigError } from '../../plugins/lint/errors';
import { adoptCommand } from './adopt';
import { UsageError } from './errors';
import { lintCommand } from './lint';
import { newCommand } from './new';
import { renameCommand } from './rename';
import { rulesCommand } from './rules';

/** A command's exit code, set by its action (commander's actions return nothing). */
export interface ExitCode {
  code: number;
}

export function createProgram(description: string): Command {
  return new Command('handbook')
    .description(description)
    .version(packageVersion(), '-V, --version', "print the linter's version")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run "handbook --help" for usage)');
}

export function parseCount(v: string, flag: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${flag} needs a whole number, got "${v}"`);
  return Number(v);
}

/** lint, new, adopt, rename and rules: the commands any site that adopts the linter needs. */
export function addDocumentCommands(program: Command, exit: ExitCode): void {
  program
    .command('lint')
    .description('Check documents and data against the schemas and rules')
    .argument('[paths...]', 'files or folders (default: every content root)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v) => parseCount(v, '--max-warnings'))
    .option('--now <date>', 'treat this date as today (freshness, overdue checks); also HANDBOOK_NOW')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'plain output')
    .option('--cache', 'reuse results for files that did not change (kept in your cache folder, outside the repository)')
    .option('--cache-location <file>', 'where to keep the cache')
    .option('--shard <i/n>', 'check only shard i of n (CI parallelism); project-wide rules still see every file')
    .option('--workers <n>', 'worker threads (0: none; default: by the number of files)')
    .option('--fix', 'fix what needs no judgement (front matter keys, heading levels, required sections, links with one obvious target) before checking')
    .option('--suppress-all', 'record every current error in the suppressions file, so that only new problems fail')
    .option('--suppress-rule <id>', 'record the current errors of one rule (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--prune-suppressions', 'remove suppressions that no longer occur')
    .option('--suppressions-location <file>', 'the suppressions file (default: handbook-suppressions.json at the project root)')
    .option('--pass-on-unpruned-suppressions', 'do not fail when suppressions no longer occur')
    .action(async (paths: string[], opts) => {
      exit.code = await lintCommand(paths, opts);
    });

  program
    .command('new')
    .description('Write a new document of a type, with the parts a person must fill in marked for no-placeholders')
    .argument('<type>', 'document type, e.g. runbook, postmortem, training-module')
    .argument('<name>', 'title of the document; the file name is derived from it')
    .option('--dir <folder>', 'folder to write into (default: the usual folder for the type)')
    .action(async (type: string, name: string, opts) => {
      exit.code = await newCommand(type, name, opts);
    });

  program
    .command('adopt')
    .description('Add the front matter a document type needs to existing documents, without touching their content')
    .argument('<paths...>', 'files or folders to adopt')
    .option('--type <type>', 'document type for files whose front matter has none (default: guessed from folder names and headings)')
    .option('--owner <team>', 'owning team id for files without an owner (default: a TODO placeholder)')
    .option('--dry-run', 'print what would change, write nothing')
    .action(async (paths: string[], opts) => {
      exit.code = await adoptCommand(paths, opts);
    });

  program
    .command('rename')
    .description('Rename a severity, role, team or service id in data, front matter, component properties, links and file names; moved pages get a redirect')
    .argument('<kind>', 'severity, role, team or service')
    .argument('<old>', 'the id now')
    .argument('<new>', 'the new id')
    .option('--dry-run', 'print what would change, write nothing')
    .action(async (kind: string, from: string, to: string, opts) => {
      exit.code = await renameCommand(kind, from, to, opts);
    });

  program
    .command('rules')
    .description('List the rules with their default severity and documentation URL')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => {
      exit.code = await rulesCommand(opts);
    });
}

/**
 * Parses and runs; usage and configuration errors become exit 2 with one line on stderr. `refusal` lets a host map
 * its own domain errors (e.g. an incident command that refused) to a message and a code.
 */
export async function runProgram(program: Command, argv: string[], exit: ExitCode, refusal?: (e: unknown) => number | undefined): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    const refused = refusal?.(e);
    if (refused !== undefined) return refused;
    if (e instanceof ConfigError) {
      process.stderr.write(`handbook: configuration error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`handbook: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return exit.code;
}
