// Bundles the handbook CLI and its lint worker into dist/ with esbuild, so `handbook` starts in about half the
// time it takes to compile the TypeScript on the fly. scripts/handbook.mjs uses the bundle while it is fresh
// and falls back to compiling the sources otherwise, so a stale or missing bundle never changes behaviour.
import { build } from 'esbuild';
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
await build({ ...common, entryPoints: [path.join(root, 'scripts/cli/main.ts')], outfile: path.join(root, 'dist/handbook.mjs') });
await build({ ...common, entryPoints: [path.join(root, 'plugins/lint/worker-impl.ts')], outfile: path.join(root, 'dist/worker.mjs') });
console.log('Built dist/handbook.mjs and dist/worker.mjs');
