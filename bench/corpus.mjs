// Builds the benchmark corpus from the handbook's own documents, so the benchmark measures what users lint:
//  - the handbook itself (docs/, runbooks/, incidents/, data/, schemas/, config) is the base;
//  - about half of the added files are clones of its runbooks, incidents (with their postmortems), training modules
//    and exercises, varied (new ids, titles, alert names, an extra paragraph, shuffled list items);
//  - the other half are generated with the same shape: the front matter and headings of a real document of the
//    same type, with generated sections holding shell code blocks with commands, tables, links to real pages and
//    strings that look like secrets but are not (vault references, digests, UUIDs, placeholders), so secretlint's
//    prefilter lets them through and the secret rules really run.
// Everything is seeded: the same size and seed give byte-identical files.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom as rng } from '../plugins/lib/seeded-random.mjs';

const CLONED_TYPES = new Set(['runbook', 'incident', 'postmortem', 'training-module', 'exercise']);
const WORDS =
  'the service database replica primary latency error rate pod node queue backlog consumer certificate dns resolver upstream vendor deploy rollback traffic region cache eviction memory disk volume alert page incident commander responder customer impact checkout login payment webhook retry timeout connection pool saturation throughput partition failover snapshot restore backup integrity metric dashboard log trace span threshold budget slo burn window owner team escalation status update'.split(
    ' ',
  );

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.mdx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Front matter block, body and the `type:` of a document (plain text handling: the corpus only needs these). */
function split(text) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return undefined;
  const type = /^type:\s*["']?([\w-]+)/m.exec(m[1])?.[1];
  return { fm: m[1], body: text.slice(m[0].length), type };
}

function gen(size, seed, out, root, onlyIncidents) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  const sentence = (n = 8 + Math.floor(r() * 14)) => {
    const w = Array.from({ length: n }, () => pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  const para = () => Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence()).join(' ');

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const d of ['data', 'schemas', 'docs', 'runbooks', 'incidents', 'static']) cpSync(path.join(root, d), path.join(out, d), { recursive: true });
  cpSync(path.join(root, 'handbook.config.yaml'), path.join(out, 'handbook.config.yaml'));

  const base = walk(path.join(out, 'docs')).concat(walk(path.join(out, 'runbooks')), walk(path.join(out, 'incidents')));
  const docs = base.map((p) => ({ abs: p, rel: path.relative(out, p), text: readFileSync(p, 'utf8') })).map((d) => ({ ...d, ...split(d.text) }));
  const sources = docs.filter((d) => d.type && CLONED_TYPES.has(d.type) && !/\bindex\.mdx?$/.test(d.rel));
  const byType = (t) => sources.filter((d) => d.type === t);
  const postmortemOf = new Map(byType('postmortem').map((d) => [/^incident:\s*(INC-\d+)/m.exec(d.fm)?.[1], d]));
  const pages = docs.filter((d) => d.type).map((d) => d.rel);
  const rootOf = (rel) => rel.split('/')[0];
  const linkTo = (fromRel) => {
    // Docusaurus resolves file links inside one content root only, as the handbook's own pages do.
    const target = pick(pages.filter((p) => rootOf(p) === rootOf(fromRel)));
    let rel = path.relative(path.dirname(fromRel), target);
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return rel;
  };

  // Strings a responder really pastes into runbooks: they look like credentials to a scanner but are not.
  const notSecrets = () => [
    `export DB_PASSWORD="$(vault kv get -field=password secret/${pick(WORDS)}/db)"`,
    `curl -sf -H "Authorization: Bearer $API_TOKEN" https://status.internal/api/v1/${pick(WORDS)}`,
    `kubectl -n ${pick(WORDS)} get secret ${pick(WORDS)}-token -o jsonpath='{.metadata.name}'`,
    `docker pull registry.internal/${pick(WORDS)}@sha256:${hex(64)}`,
    `git revert ${hex(40)}`,
    `psql "host=$PGHOST user=$PGUSER password=<from the vault> dbname=${pick(WORDS)}"`,
    `# request id ${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    `api_key: \${${pick(WORDS).toUpperCase()}_API_KEY}`,
  ];
  const codeBlock = () => '```bash\n' + Array.from({ length: 2 + Math.floor(r() * 4) }, () => pick(notSecrets())).join('\n') + '\n```\n\n';
  const table = () =>
    `| Signal | Threshold | Where |\n| --- | --- | --- |\n` +
    Array.from(
      { length: 2 + Math.floor(r() * 4) },
      () => `| ${pick(WORDS)} ${pick(WORDS)} | ${Math.floor(r() * 100)}% over ${1 + Math.floor(r() * 15)} min | ${pick(WORDS)} dashboard |`,
    ).join('\n') +
    '\n\n';
  const section = (rel) => {
    let s = `${para()}\n\n${r() < 0.5 ? `${para()}\n\n` : ''}`;
    const k = r();
    if (k < 0.35) s += codeBlock();
    else if (k < 0.55) s += table();
    else if (k < 0.75) s += `1. ${sentence()}\n2. ${sentence()} See [the related page](${linkTo(rel)}).\n3. ${sentence()}\n\n`;
    if (r() < 0.3) s += `Rotate the token only through the vault; never paste the password into the channel.\n\n`;
    return s;
  };

  const files = [];
  const write = (rel, text) => files.push([rel, text]);
  const withSuffix = (rel, k) => rel.replace(/(\.mdx?)$/, `-v${k}$1`);
  let nextIncident = 10000;
  const incidentFile = (rel, id) => path.join(path.dirname(rel), path.basename(rel).replace(/^INC-\d+/, id));

  /** A clone of `d`, varied: new title and ids, an extra paragraph in one section, alert names made unique. */
  function varied(d, k, id) {
    let fm = d.fm.replace(/^title:\s*(.*)$/m, (_m, t) => `title: ${JSON.stringify(`${t.replace(/^["']|["']$/g, '')} (variant ${k})`)}`);
    let body = d.body;
    if (id) {
      const old = /^(?:id|incident):\s*(INC-\d+)/m.exec(fm)?.[1];
      if (old) {
        fm = fm.split(old).join(id);
        body = body.split(old).join(id);
      }
    }
    fm = fm.replace(
      /^alerts:\s*\[(.*)\]$/m,
      (_m, list) =>
        `alerts: [${list
          .split(',')
          .map((a) => `${a.trim()}V${k}`)
          .join(', ')}]`,
    );
    const parts = body.split(/\n(?=## )/);
    if (parts.length > 1) {
      const i = 1 + Math.floor(r() * (parts.length - 1));
      parts[i] = parts[i].replace(/\n*$/, `\n\n${para()}\n`);
    }
    return `---\n${fm}\n---\n${parts.join('\n')}`;
  }

  /** A generated document: the front matter and headings of `d`, with fresh sections. */
  function shaped(d, k, id, rel) {
    let fm = d.fm.replace(/^title:\s*(.*)$/m, () => `title: ${JSON.stringify(`${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${k}`)}`);
    if (id) {
      const old = /^(?:id|incident):\s*(INC-\d+)/m.exec(fm)?.[1];
      if (old) fm = fm.split(old).join(id);
    }
    fm = fm.replace(
      /^alerts:\s*\[(.*)\]$/m,
      (_m, list) =>
        `alerts: [${list
          .split(',')
          .map((a) => `${a.trim()}G${k}`)
          .join(', ')}]`,
    );
    // Keep the headings (required sections) and anything list-like under Timeline/Action items verbatim.
    const parts = d.body.split(/\n(?=## )/);
    const body = parts
      .map((p, i) => {
        if (i === 0 || /^## (Timeline|Action items|Quiz)/.test(p)) return id ? p.split(/INC-\d+/).join(id) : p;
        const heading = p.split('\n')[0];
        return `${heading}\n\n${section(rel)}`;
      })
      .join('\n');
    return `---\n${fm}\n---\n${body}`;
  }

  const kinds = ['runbook', 'incident', 'training-module', 'exercise'];
  const weights = { runbook: 0.45, incident: 0.4, 'training-module': 0.1, exercise: 0.05 };
  // With `onlyIncidents`, exactly that many incident documents (records and postmortems) are added.
  let remaining = onlyIncidents ?? size - docs.length;
  for (let k = 1; remaining > 0; k++) {
    let x = r();
    let type = onlyIncidents ? 'incident' : kinds[0];
    if (!onlyIncidents)
      for (const t of kinds) {
        if (x < weights[t]) {
          type = t;
          break;
        }
        x -= weights[t];
      }
    const src = pick(byType(type));
    const clone = r() < 0.5;
    if (type === 'incident') {
      const id = `INC-${nextIncident++}`;
      const oldId = /^id:\s*(INC-\d+)/m.exec(src.fm)[1];
      // Spread over several years, as an organisation's history is: every date moves by whole years.
      const srcYear = /\/(\d{4})\//.exec(src.rel)?.[1];
      const year = srcYear ? String(Number(srcYear) - Math.floor(r() * 4)) : undefined;
      // A record moved to another year keeps its links to the other records of its source year working.
      const move = (rel, text) =>
        srcYear && year !== srcYear
          ? [
              rel.replace(`/${srcYear}/`, `/${year}/`),
              text
                .replace(new RegExp(`\\b${srcYear}-(?=\\d\\d-\\d\\d)`, 'g'), `${year}-`)
                .replace(/\]\(\.\/(INC-\d+)/g, (m, other) => (other === id ? m : `](../${srcYear}/${other}`)),
            ]
          : [rel, text];
      const rel = incidentFile(src.rel, id);
      write(...move(rel, clone ? varied(src, k, id) : shaped(src, k, id, rel)));
      remaining--;
      const pm = postmortemOf.get(oldId);
      // A record with a postmortem always gets its clone (the count may end one over): without it, the record's
      // postmortem would be overdue.
      if (pm) {
        const pmRel = incidentFile(pm.rel, id);
        write(...move(pmRel, clone ? varied(pm, k, id) : shaped(pm, k, id, pmRel)));
        remaining--;
      }
    } else {
      const rel = withSuffix(src.rel, k);
      write(rel, clone ? varied(src, k) : shaped(src, k, undefined, rel));
      remaining--;
    }
  }
  for (const [rel, text] of files) {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  }
  return docs.length + files.length;
}

/** `size` files in all (the handbook's own included), or the handbook plus `incidents` extra incident documents. */
export function generateCorpus(size, { seed = 42, dir, root, incidents }) {
  return gen(size, seed, dir, root, incidents);
}
