#!/usr/bin/env node
// The `handbook` command. It runs the esbuild bundle in dist/ when that is newer than every source file
// (npm run build:cli, run by `prepare` on install), and otherwise compiles the TypeScript on the fly with tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'handbook.mjs');

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(p, newest);
    else if (/\.(ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.HANDBOOK_NO_BUNDLE || !existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['plugins', 'scripts/cli'].every((d) => newestSource(path.join(root, d)) <= built);
}

try {
  let main;
  if (bundleIsFresh()) ({ main } = await import(pathToFileURL(bundle).href));
  else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('./cli/main.ts'));
  }
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // A bug, not a user error: one line, exit 2, the stack only on request.
  process.stderr.write(`handbook: internal error: ${e?.message ?? e}\n`);
  if (process.env.HANDBOOK_DEBUG) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('Run with HANDBOOK_DEBUG=1 for details, and please report it.\n');
  process.exitCode = 2;
}
