// The lint benchmark: handbook lint (cold, warm) against markdownlint-cli2 and remark-cli on the same seeded
// corpus, alternating A/B runs, reporting medians, ratios and peak memory; optionally the site build with and
// without the remark plugin. Prints a table and writes bench/results.json. Usage:
//   npm run bench [-- --sizes 1000,10000 --runs 3 --build]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const sizes = opt('sizes', '1000,10000').split(',').map(Number);
const runs = Number(opt('runs', '3'));
const withBuild = args.includes('--build');
const bin = (n) => path.join(root, 'node_modules/.bin', n);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command, returns wall seconds and peak RSS (MiB) via GNU time when available. */
function measure(cmd, argv, { cwd, env } = {}) {
  const start = process.hrtime.bigint();
  const res = TIME
    ? spawnSync(TIME, ['-f', '%M', cmd, ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, argv, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lastLine = (res.stderr ?? '').trim().split('\n').pop();
  const rssMiB = TIME && /^\d+$/.test(lastLine) ? Number(lastLine) / 1024 : undefined;
  if (res.error) throw res.error;
  return { seconds, rssMiB, status: res.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = { machine: { cpus: os.cpus().length, node: process.version, memory_gib: Math.round(os.totalmem() / 2 ** 30) }, runs, sizes: {} };
for (const size of sizes) {
  const dir = path.join(here, 'corpus', String(size));
  const files = generateCorpus(size, { seed: 42, dir, root });
  const cacheFile = path.join(dir, ".bench-cache.json");
  const handbook = (extra) => measure(process.execPath, [path.join(root, 'scripts/handbook.mjs'), 'lint', '--format', 'json', '--output-file', '/dev/null', '--now', '2026-11-23', ...extra], { cwd: dir });
  const tools = {
    'handbook cold': () => {
      spawnSync('sh', ['-c', `rm -f ${cacheFile}*`]);
      return handbook(['--cache', '--cache-location', cacheFile]);
    },
    'handbook warm (1 file changed)': () => {
      if (!existsSync(`${cacheFile}.0`)) handbook(['--cache', '--cache-location', cacheFile]);
      appendFileSync(path.join(dir, 'runbooks/rb-00001.md'), `\nChanged at ${Date.now()}.\n`);
      return handbook(['--cache', '--cache-location', cacheFile]);
    },
    'markdownlint-cli2 (default rules)': () => measure(bin('markdownlint-cli2'), ['**/*.md', '#node_modules'], { cwd: dir }),
    'remark-cli (recommended preset)': () =>
      measure(bin('remark'), ['.', '--ext', 'md', '--use', 'remark-frontmatter', '--use', 'remark-gfm', '--use', 'remark-preset-lint-recommended', '--no-stdout', '--quiet', '--silently-ignore'], { cwd: dir }),
  };
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, { seconds: [], rss: [] }]));
  // Alternate tools in every round so drift (thermal, other load) hits all of them alike.
  for (let round = 0; round < runs; round++) {
    for (const [name, fn] of Object.entries(tools)) {
      const m = fn();
      samples[name].seconds.push(m.seconds);
      if (m.rssMiB !== undefined) samples[name].rss.push(m.rssMiB);
      process.stderr.write(`size ${size} round ${round + 1}: ${name} ${m.seconds.toFixed(2)} s${m.rssMiB ? `, ${m.rssMiB.toFixed(0)} MiB` : ''}\n`);
    }
  }
  const row = {};
  for (const [name, s] of Object.entries(samples)) row[name] = { median_s: median(s.seconds), peak_rss_mib: s.rss.length ? Math.max(...s.rss) : null, samples_s: s.seconds };
  const cold = row['handbook cold'].median_s;
  row.ratios = {
    'cold / markdownlint-cli2': cold / row['markdownlint-cli2 (default rules)'].median_s,
    'cold / remark-cli': cold / row['remark-cli (recommended preset)'].median_s,
    'warm / cold': row['handbook warm (1 file changed)'].median_s / cold,
  };
  results.sizes[size] = { files, ...row };
}
if (sizes.length >= 2) {
  const [a, b] = [Math.min(...sizes), Math.max(...sizes)];
  results.scaling = { [`cold ${b} / cold ${a}`]: results.sizes[b]['handbook cold'].median_s / results.sizes[a]['handbook cold'].median_s };
}
if (withBuild) {
  const build = (lint) => measure(bin('docusaurus'), ['build', '--out-dir', path.join(here, 'build-out')], { cwd: root, env: { HANDBOOK_LINT: lint } });
  const on = [];
  const off = [];
  for (let i = 0; i < Math.max(2, runs - 1); i++) {
    off.push(build('off').seconds);
    on.push(build('error').seconds);
    process.stderr.write(`build round ${i + 1}: without ${off.at(-1).toFixed(1)} s, with ${on.at(-1).toFixed(1)} s\n`);
  }
  results.build = { without_plugin_s: median(off), with_plugin_s: median(on), ratio: median(on) / median(off) };
}

const fmt = (x) => (x === null || x === undefined ? '-' : typeof x === 'number' ? x.toFixed(2) : String(x));
const lines = ['| files | tool | median s | peak RSS MiB |', '| ---: | --- | ---: | ---: |'];
for (const [size, r] of Object.entries(results.sizes)) {
  for (const [name, v] of Object.entries(r)) if (v && typeof v === 'object' && 'median_s' in v) lines.push(`| ${size} | ${name} | ${fmt(v.median_s)} | ${fmt(v.peak_rss_mib)} |`);
  for (const [name, v] of Object.entries(r.ratios)) lines.push(`| ${size} | ratio: ${name} | ${fmt(v)} | |`);
}
if (results.scaling) for (const [k, v] of Object.entries(results.scaling)) lines.push(`| | ratio: ${k} | ${fmt(v)} | |`);
if (results.build) lines.push(`| | site build without / with plugin (s), ratio | ${fmt(results.build.without_plugin_s)} / ${fmt(results.build.with_plugin_s)}, ${fmt(results.build.ratio)} | |`);
console.log(lines.join('\n'));
mkdirSync(here, { recursive: true });
writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nWrote bench/results.json');
