// Bundles the handbook CLI and its lint worker into dist/ with esbuild, so `handbook` starts in about half the
// time it takes to compile the TypeScript on the fly. scripts/handbook.mjs uses the bundle while it is fresh
// and falls back to compiling the sources otherwise, so a stale or missing bundle never changes behaviour.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIndex } from '../plugins/lint/rules-index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const banner = { js: "import { createRequire as __hbCreateRequire } from 'node:module'; const require = __hbCreateRequire(import.meta.url);" };
// The bundle hashes the linter's sources for its cache key and reads their version, as the site build (which
// compiles them) does.
const define = { __HANDBOOK_CODE_DIR__: JSON.stringify(path.join(root, 'plugins/lint')) };
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, define, logLevel: 'error', legalComments: 'none' };
writeIndex(); // the rule list comes from the files in plugins/lint/rules/
// Code only some commands need (the responder's HTTP server for `serve`) goes to chunks next to handbook.mjs, loaded
// when such a command runs: every other command starts without parsing it. The chunks stay in dist/ itself, so code
// that finds files next to its own module (the worker) finds them.
const cli = await build({
  ...common,
  entryPoints: { handbook: path.join(root, 'scripts/cli/main.ts') },
  outdir: path.join(root, 'dist'),
  splitting: true,
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  metafile: true,
});
await build({ ...common, entryPoints: [path.join(root, 'plugins/lint/worker-impl.ts')], outfile: path.join(root, 'dist/worker.mjs') });
// Chunks of earlier builds (their names carry a hash of their content) are removed once the new ones are written.
const written = new Set(Object.keys(cli.metafile.outputs).map((f) => path.basename(f)));
for (const name of readdirSync(path.join(root, 'dist')))
  if (/-[A-Z0-9]{8}\.mjs$/.test(name) && !written.has(name)) rmSync(path.join(root, 'dist', name), { force: true });
console.log('Built dist/handbook.mjs (and its chunks) and dist/worker.mjs');
