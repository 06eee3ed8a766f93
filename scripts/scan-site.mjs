#!/usr/bin/env node
// Scans the production build (build/) for what only shows once rendered: raw ::: directives, "unknown" fragments from
// components, "undefined"/"NaN", and in-page #anchors that lead nowhere. Run by `npm test` right after the build.
// Exit 0: clean; 1: findings (each with the page and the source file); 2: no build to scan.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.resolve(root, process.argv[2] ?? 'build');
if (!existsSync(path.join(buildDir, 'index.html'))) {
  process.stderr.write(`scan-site: no built site in ${path.relative(root, buildDir) || '.'}: run "npm run build" first\n`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { scanSite } = await import('../plugins/lib/site-scan.ts');
const started = Date.now();
const { pages, findings } = scanSite(root, buildDir);
for (const f of findings) process.stdout.write(`${f.page} (${f.route}, source ${f.source ?? 'unknown'}): ${f.message}\n`);
const took = ((Date.now() - started) / 1000).toFixed(1);
if (findings.length) {
  process.stdout.write(`\n✖ ${findings.length} problem${findings.length === 1 ? '' : 's'} in the built site (${pages} pages scanned in ${took} s)\n`);
  process.exit(1);
}
process.stdout.write(`✔ ${pages} built pages scanned in ${took} s: no raw directives, unknown fragments, undefined/NaN or dead in-page anchors\n`);
