#!/usr/bin/env node
// The `handbook` command. The linter is TypeScript; tsx compiles it on the fly so there is no build step.
import { register } from 'tsx/esm/api';

register();
try {
  const { main } = await import('./cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // A bug, not a user error: one line, exit 2, the stack only on request.
  process.stderr.write(`handbook: internal error: ${e?.message ?? e}\n`);
  if (process.env.HANDBOOK_DEBUG) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('Run with HANDBOOK_DEBUG=1 for details, and please report it.\n');
  process.exitCode = 2;
}
