/** The package's `handbook` command: lint, new, adopt, rules and init for any Docusaurus site. */
import { addDocumentCommands, createProgram, runProgram, type ExitCode } from '../../scripts/cli/program';
import { initCommand } from './init';

export async function main(argv: string[]): Promise<number> {
  const exit: ExitCode = { code: 0 };
  const program = createProgram('Check a docs-as-code handbook in a Docusaurus site.');
  addDocumentCommands(program, exit);
  program
    .command('init')
    .description('Write handbook.config.yaml and minimal data registries into an existing Docusaurus site')
    .option('--docs <folders>', 'content folders, comma-separated (default: the docs folders found)')
    .option('--force', 'overwrite existing files')
    .action(async (opts) => {
      exit.code = await initCommand(process.cwd(), opts);
    });
  return runProgram(program, argv, exit);
}
