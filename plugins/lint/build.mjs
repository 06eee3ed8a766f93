// Compiles the package into dist/: the library, the `handbook` command and the lint worker, each one ES module with
// its dependencies bundled (the package installs without fetching anything else), plus the default schemas.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIndex } from './rules-index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(here, 'dist');
rmSync(out, { recursive: true, force: true });
writeIndex(); // the rule list comes from the files in rules/
const banner = { js: "import { createRequire as __hbCreateRequire } from 'node:module'; const require = __hbCreateRequire(import.meta.url);" };
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'error', legalComments: 'none' };
await build({ ...common, entryPoints: [path.join(here, 'index.ts')], outfile: path.join(out, 'index.js') });
await build({ ...common, entryPoints: [path.join(here, 'worker-impl.ts')], outfile: path.join(out, 'worker.mjs') });
await build({
  ...common,
  entryPoints: [path.join(here, 'cli-bin.ts')],
  outfile: path.join(out, 'cli.js'),
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});
mkdirSync(path.join(out, 'schemas'), { recursive: true });
cpSync(path.join(repo, 'schemas'), path.join(out, 'schemas'), { recursive: true });
console.log(`Built ${path.relative(repo, out)}/: index.js, cli.js, worker.mjs, schemas/`);
