// The cold lint's floor: finds every .md and .mdx file under the folder given, as markdownlint-cli2 does in the
// benchmark, and parses each with the linter's own parser (plugins/lint/parse.ts: micromark and mdast with front
// matter, GFM and, for .mdx, MDX), and nothing else: no front-matter YAML, schemas, outline or rules. Whatever the
// linter does on top can only add to this, so `floor / markdownlint-cli2` bounds how close a cold lint can get with
// this parser. bench/run.mjs bundles and runs it; it prints the number of files and of top-level nodes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { parseMarkdown } from '../plugins/lint/parse.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: parse-floor <folder>');
  process.exit(2);
}
const files = globSync(['**/*.md', '**/*.mdx'], { cwd: dir, ignore: ['**/node_modules/**'] });
let nodes = 0;
for (const file of files) {
  const result = parseMarkdown(readFileSync(path.join(dir, file), 'utf8'), file);
  if (result.ok) nodes += result.tree.children.length;
}
console.log(`${files.length} files, ${nodes} top-level nodes`);
