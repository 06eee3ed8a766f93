// The benchmark: handbook lint (cold, warm) against markdownlint-cli2 and remark-cli on a corpus built from the
// handbook's own documents (bench/corpus.mjs), at 1k, 3k and 10k files; alternating runs, medians, CPU time,
// peak memory and the machine's load during the runs. Optional parts:
//   --build [1000,3000]   site build of the handbook, and with that many extra incident records (cloned);
//                         --live-records N: closed incidents that keep a page of the application (default: the site
//                         plugin's own, DEFAULT_LIVE_RECORDS)
//   --only cold,warm,floor,mdl,remark
//                         some of the tools (floor: the linter's parser alone, bench/parse-floor.ts)
//   --pages [build dir]   page weight and first render of the home page, a runbook and the classifier on an
//                         emulated 1.6 Mbps / 150 ms link (Chromium), from a built site
// Prints a table with the targets and writes bench/results.json. Usage:
//   npm run bench [-- --sizes 1000,3000,10000 --runs 3 --build --pages --no-lint --out results.json]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = args[i + 1];
  return v === undefined || v.startsWith('--') ? dflt : v;
};
const has = (name) => args.includes(`--${name}`);
const sizes = (opt('sizes', '') || '1000,3000,10000').split(',').filter(Boolean).map(Number);
const runs = Number(opt('runs', '') || '3');
const skipLint = has('no-lint');
// The site plugin's default (read from its source: this script runs without a TypeScript loader).
const defaultLive = /DEFAULT_LIVE_RECORDS = (\d+)/.exec(readFileSync(path.join(root, 'plugins/docusaurus-plugin-handbook/archive.ts'), 'utf8'))?.[1];
if (!defaultLive) throw new Error('bench: DEFAULT_LIVE_RECORDS not found in plugins/docusaurus-plugin-handbook/archive.ts');
const liveRecords = Number(opt('live-records', '') || defaultLive);
const bin = (n) => path.join(root, 'node_modules/.bin', n);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const load = () => os.loadavg()[0];

/** Runs a command; returns wall seconds, CPU seconds (user+sys of the process tree) and peak RSS (MiB), via GNU time. */
function measure(cmd, argv, { cwd, env } = {}) {
  const loadBefore = load();
  const start = process.hrtime.bigint();
  const res = TIME
    ? spawnSync(TIME, ['-f', '%M %U %S', cmd, ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, argv, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.error) throw res.error;
  const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(res.stderr ?? '');
  return {
    seconds,
    cpu: m ? Number(m[2]) + Number(m[3]) : undefined,
    rssMiB: m ? Number(m[1]) / 1024 : undefined,
    status: res.status,
    load: (loadBefore + load()) / 2,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = {
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, node: process.version, memory_gib: Math.round(os.totalmem() / 2 ** 30) },
  runs,
  corpus: 'the handbook itself, plus clones (varied) and generated documents of the same shape: bench/corpus.mjs',
  sizes: {},
};
const NAMES = {
  cold: 'handbook cold',
  warm: 'handbook warm (1 file changed)',
  floor: "parse only (the linter's parser, no rules)",
  mdl: 'markdownlint-cli2 (default rules)',
  remark: 'remark-cli (recommended preset)',
};

/** bench/parse-floor.ts as one file Node runs without a TypeScript loader (its dependencies are all ES modules). */
async function bundleFloor() {
  const { build } = await import('esbuild');
  const outfile = path.join(os.tmpdir(), `handbook-bench-parse-floor-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(here, 'parse-floor.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

if (!skipLint) {
  const floor = await bundleFloor();
  for (const size of sizes) {
    const dir = path.join(here, 'corpus', String(size));
    const files = generateCorpus(size, { seed: 42, dir, root });
    const changed = path.join(
      dir,
      readdirSync(path.join(dir, 'runbooks'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `runbooks/${f}`)[0],
    );
    // `lint --cache` as a user runs it: the cache in its default place, the user's cache folder, here one of the
    // benchmark's own outside the repository (a cache location inside a git work tree costs a `git ls-files` per run,
    // the check that a cache is never one somebody committed). The cold run removes the whole folder.
    const cacheHome = path.join(os.tmpdir(), `handbook-bench-cache-${size}`);
    const handbook = (extra) =>
      measure(
        process.execPath,
        [path.join(root, 'scripts/handbook.mjs'), 'lint', '--format', 'json', '--output-file', '/dev/null', '--now', '2026-11-23', ...extra],
        { cwd: dir, env: { XDG_CACHE_HOME: cacheHome } },
      );
    const tools = {
      [NAMES.cold]: () => {
        rmSync(cacheHome, { recursive: true, force: true });
        return handbook(['--cache']);
      },
      [NAMES.warm]: () => {
        appendFileSync(changed, `\nChanged at ${Date.now()}.\n`);
        return handbook(['--cache']);
      },
      [NAMES.floor]: () => measure(process.execPath, [floor, '.'], { cwd: dir }),
      [NAMES.mdl]: () => measure(bin('markdownlint-cli2'), ['**/*.md', '**/*.mdx', '#node_modules'], { cwd: dir }),
      [NAMES.remark]: () =>
        measure(
          bin('remark'),
          [
            '.',
            '--ext',
            'md,mdx',
            '--use',
            'remark-frontmatter',
            '--use',
            'remark-gfm',
            '--use',
            'remark-preset-lint-recommended',
            '--no-stdout',
            '--quiet',
            '--silently-ignore',
          ],
          { cwd: dir },
        ),
    };
    // --only cold,warm,floor,mdl,remark: run some of the tools (ratios need both sides).
    const only = (opt('only', '') || '').split(',').filter(Boolean);
    const KEYS = { cold: NAMES.cold, warm: NAMES.warm, floor: NAMES.floor, mdl: NAMES.mdl, remark: NAMES.remark };
    if (only.length) for (const k of Object.keys(KEYS)) if (!only.includes(k)) delete tools[KEYS[k]];
    const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, { seconds: [], cpu: [], rss: [], load: [] }]));
    // Alternate the tools in every round so drift (other people's work on the machine) hits all of them alike.
    for (let round = 0; round < runs; round++) {
      for (const [name, fn] of Object.entries(tools)) {
        const m = fn();
        samples[name].seconds.push(m.seconds);
        samples[name].cpu.push(m.cpu);
        samples[name].rss.push(m.rssMiB);
        samples[name].load.push(m.load);
        process.stderr.write(
          `size ${size} round ${round + 1}: ${name} ${m.seconds.toFixed(2)} s wall, ${m.cpu?.toFixed(2)} s CPU, ${m.rssMiB?.toFixed(0)} MiB, load ${m.load.toFixed(1)}\n`,
        );
      }
    }
    const row = {};
    for (const [name, s] of Object.entries(samples)) {
      row[name] = {
        median_s: median(s.seconds),
        median_cpu_s: median(s.cpu),
        peak_rss_mib: Math.max(...s.rss.filter(Boolean)),
        samples_s: s.seconds,
        samples_cpu_s: s.cpu,
        load_avg: s.load,
      };
    }
    const r = (a, b, k) => (row[a] && row[b] ? row[a][k] / row[b][k] : null);
    row.ratios = {
      'cold / markdownlint-cli2 (wall)': r(NAMES.cold, NAMES.mdl, 'median_s'),
      'cold / markdownlint-cli2 (CPU)': r(NAMES.cold, NAMES.mdl, 'median_cpu_s'),
      'cold / remark-cli (wall)': r(NAMES.cold, NAMES.remark, 'median_s'),
      'cold / remark-cli (CPU)': r(NAMES.cold, NAMES.remark, 'median_cpu_s'),
      'warm / cold': r(NAMES.warm, NAMES.cold, 'median_s'),
      // The floor: no cold lint with this parser can be faster than its parse alone.
      'parse only / markdownlint-cli2 (wall)': r(NAMES.floor, NAMES.mdl, 'median_s'),
      'parse only / markdownlint-cli2 (CPU)': r(NAMES.floor, NAMES.mdl, 'median_cpu_s'),
      'parse only / remark-cli (CPU)': r(NAMES.floor, NAMES.remark, 'median_cpu_s'),
      'cold / parse only (CPU)': r(NAMES.cold, NAMES.floor, 'median_cpu_s'),
    };
    results.sizes[size] = { files, ...row };
  }
  rmSync(floor, { force: true });
  const first = Math.min(...sizes);
  results.scaling = {};
  for (const size of sizes) {
    if (size === first) continue;
    for (const k of ['median_s', 'median_cpu_s']) {
      if (results.sizes[size][NAMES.cold] && results.sizes[first][NAMES.cold]) {
        results.scaling[`cold ${size} / cold ${first} (${k === 'median_s' ? 'wall' : 'CPU'})`] =
          results.sizes[size][NAMES.cold][k] / results.sizes[first][NAMES.cold][k];
      }
    }
  }
}

/** The handbook with `extra` cloned incident records in a temp copy, built; wall, CPU and peak RSS. */
function buildWith(extra) {
  const site = path.join(here, 'site-copy');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  for (const f of readdirSync(root)) {
    if (['node_modules', 'build', '.docusaurus', 'bench', '.git', '.handbook-cache', 'dist'].includes(f)) continue;
    cpSync(path.join(root, f), path.join(site, f), { recursive: true });
  }
  // As many closed incidents keep a page of the application as an adopter's site keeps by default (the sample sets
  // fewer to show archived pages): --live-records N to measure another setting.
  const config = path.join(site, 'docusaurus.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/liveRecords:\s*\d+/, `liveRecords: ${liveRecords}`));
  // The same packages, each by link, in a node_modules folder of the copy's own: its .cache (the bundler's persistent
  // cache) starts empty in every build, as in CI's fresh clone. A shared cache would favour whichever build repeats.
  mkdirSync(path.join(site, 'node_modules'));
  for (const name of readdirSync(path.join(root, 'node_modules')))
    if (name !== '.cache') symlinkSync(path.join(root, 'node_modules', name), path.join(site, 'node_modules', name));
  if (extra) {
    const dir = path.join(here, 'corpus', `records-${extra}`);
    generateCorpus(0, { seed: 7, dir, root, incidents: extra });
    cpSync(path.join(dir, 'incidents'), path.join(site, 'incidents'), { recursive: true });
  }
  // As in npm test: the lint cache first, then the build.
  measure(process.execPath, [path.join(root, 'scripts/handbook.mjs'), 'lint', '--cache', '--format', 'json', '--output-file', '/dev/null'], { cwd: site });
  return measure(bin('docusaurus'), ['build', '--out-dir', path.join(site, 'build')], { cwd: site });
}

if (has('build')) {
  // --no-base: only the builds with extra records (compare with an earlier run's base build).
  const extras = [...(has('no-base') ? [] : [0]), ...(opt('build', '') || '1000,3000').split(',').filter(Boolean).map(Number)];
  const samples = Object.fromEntries(extras.map((e) => [e, []]));
  for (let round = 0; round < Math.max(1, runs - 1); round++) {
    for (const e of extras) {
      const m = buildWith(e);
      samples[e].push(m);
      process.stderr.write(
        `build round ${round + 1}, ${e} extra records: ${m.seconds.toFixed(1)} s wall, ${m.cpu?.toFixed(1)} s CPU, ${m.rssMiB?.toFixed(0)} MiB, exit ${m.status}, load ${m.load.toFixed(1)}\n`,
      );
    }
  }
  results.build = Object.fromEntries(
    extras.map((e) => [
      `${e} extra records`,
      {
        median_s: median(samples[e].map((m) => m.seconds)),
        median_cpu_s: median(samples[e].map((m) => m.cpu)),
        peak_rss_mib: Math.max(...samples[e].map((m) => m.rssMiB ?? 0)),
        exit: samples[e].map((m) => m.status),
        load_avg: samples[e].map((m) => m.load),
      },
    ]),
  );
  results.build_live_records = liveRecords;
  const base = results.build['0 extra records'];
  for (const e of base ? extras.slice(1) : []) {
    results.build[`ratio ${e} / 0 (wall)`] = results.build[`${e} extra records`].median_s / base.median_s;
    results.build[`ratio ${e} / 0 (CPU)`] = results.build[`${e} extra records`].median_cpu_s / base.median_cpu_s;
    // Each round's own ratio (its builds ran minutes apart, under the same load): the spread shows the noise.
    results.build[`ratio ${e} / 0 per round (CPU)`] = samples[e].map((m, i) => (m.cpu && samples[0][i]?.cpu ? m.cpu / samples[0][i].cpu : null));
  }
}

if (has('pages')) {
  const { measurePages } = await import('./pages.mjs');
  const buildDir = path.resolve(opt('pages', '') || path.join(root, 'build'));
  const runbook = readdirSync(path.join(root, 'runbooks'))
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('index'))[0]
    .replace(/\.mdx?$/, '');
  results.pages = await measurePages(buildDir, ['/', `/runbooks/${runbook}`, '/classifier'], { runs });
}

const fmt = (x) => (x === null || x === undefined ? '-' : typeof x === 'number' ? x.toFixed(2) : String(x));
const lines = ['| files | tool | median wall s | median CPU s | peak RSS MiB |', '| ---: | --- | ---: | ---: | ---: |'];
for (const [size, r] of Object.entries(results.sizes)) {
  for (const [name, v] of Object.entries(r))
    if (v && typeof v === 'object' && 'median_s' in v)
      lines.push(`| ${size} | ${name} | ${fmt(v.median_s)} | ${fmt(v.median_cpu_s)} | ${fmt(v.peak_rss_mib)} |`);
  for (const [name, v] of Object.entries(r.ratios)) lines.push(`| ${size} | ratio: ${name} | ${fmt(v)} | | |`);
}
if (results.scaling) for (const [k, v] of Object.entries(results.scaling)) lines.push(`| | scaling: ${k} | ${fmt(v)} | | |`);
lines.push('', 'Targets: cold <= 0.6 x markdownlint-cli2 and <= 0.3 x remark-cli; 3k/1k <= 3.3, 10k/1k <= 11; warm at 10k < 1 s; peak RSS <= 1024 MiB.');
if (results.build) {
  lines.push('', '| site build | median wall s | median CPU s | peak RSS MiB |', '| --- | ---: | ---: | ---: |');
  for (const [k, v] of Object.entries(results.build))
    lines.push(
      typeof v === 'number'
        ? `| ${k} | ${fmt(v)} | | |`
        : Array.isArray(v)
          ? `| ${k} | | ${v.map(fmt).join(', ')} | |`
          : `| ${k} | ${fmt(v.median_s)} | ${fmt(v.median_cpu_s)} | ${fmt(v.peak_rss_mib)} |`,
    );
  lines.push('', `Closed incidents with a page of the application (liveRecords): ${liveRecords}; older ones are archived static pages.`);
  lines.push('Targets: build with 1,000 extra records <= 1.3 x the build without them; peak memory <= 2048 MiB.');
}
if (results.pages) {
  lines.push(
    '',
    '| page (cold, 1.6 Mbps / 150 ms) | page KB until usable (by load) | route prefetch KB (apart) | requests | first contentful paint ms (median / max) |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const p of results.pages)
    lines.push(
      `| ${p.path} | ${fmt(p.page_kb)} (${fmt(p.page_at_load_kb)}) | ${fmt(p.prefetch_kb)} | ${p.requests} | ${fmt(p.first_contentful_paint_ms)} / ${fmt(p.first_contentful_paint_max_ms)} |`,
    );
  lines.push('', 'Targets: <= 300 KB compressed on first visit; first render <= 2,000 ms.');
}
lines.push(
  '',
  `Machine: ${results.machine.cpus} CPUs (${results.machine.cpu_model}), ${results.machine.memory_gib} GiB, Node ${results.machine.node}; 1-min load average now ${load().toFixed(1)}.`,
);
console.log(lines.join('\n'));
const outFile = path.resolve(opt('out', '') || path.join(here, 'results.json'));
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nWrote ${path.relative(process.cwd(), outFile)}`);
