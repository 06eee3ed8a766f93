/** Entry of the package's `handbook` bin: runs the command, exit code 0/1/2, never a stack trace unless asked. */
import { main } from './cli';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`handbook: internal error: ${(e as Error).message}\n`);
  if (process.env.HANDBOOK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 2;
}
