import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ENGINE_RULE_DOCS, ruleUrl } from '../../plugins/lint/engine';
import { github, json, junit, sarif, stylish } from '../../plugins/lint/reporters/index';
import { rules } from '../../plugins/lint/rules/index';
import type { FileResult, LintMessage } from '../../plugins/lint/types';
import { fixtureProject, lintDocs, runbook } from './helpers';

const msg = (m: Partial<LintMessage> & Pick<LintMessage, 'ruleId' | 'message' | 'line' | 'column'>): LintMessage => ({ severity: 2, ...m });
function result(relPath: string, messages: LintMessage[]): FileResult {
  return {
    filePath: `/repo/${relPath}`,
    relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
  };
}

/** Messages with every character the formats must escape. */
const TRICKY = 'Placeholder "TODO" <fill in> & \'co\': 50%, done';
const RESULTS: FileResult[] = [
  result('docs/a, b: c.md', [
    msg({ ruleId: 'no-placeholders', message: TRICKY, line: 3, column: 7, endLine: 3, endColumn: 11 }),
    msg({ ruleId: 'freshness', severity: 1, message: 'Review due: first line\nsecond line\r', line: 5, column: 16 }),
  ]),
  result('docs/ok.md', []),
  result('docs/empty.md', [
    msg({ ruleId: 'file-read', message: 'File is empty: add front matter with a title and a type, or delete it', line: 1, column: 1, fatal: true }),
  ]),
];

describe('stylish', () => {
  it('groups messages by file with positions, severities and rule ids, and sums them up', () => {
    expect(stylish(RESULTS, false)).toBe(
      [
        'docs/a, b: c.md',
        `  3:7      error    ${TRICKY}  no-placeholders`,
        // Control characters in messages (and file names) are printed as escapes: nothing can forge a line.
        '  5:16     warning  Review due: first line\\u000asecond line\\u000d  freshness',
        '',
        'docs/empty.md',
        '  1:1      error    File is empty: add front matter with a title and a type, or delete it  file-read',
        '',
        '✖ 3 problems (2 errors, 1 warning) in 3 files checked',
        '',
      ].join('\n'),
    );
  });

  it('prints a file name with a newline or an escape sequence on one line, as escapes', () => {
    const forged = stylish(
      [
        result('docs/x.md\n  9:9      error    forged  no-secrets\n\u001b[2J.md', [
          msg({ ruleId: 'freshness', severity: 1, message: 'Late', line: 2, column: 1 }),
        ]),
      ],
      false,
    );
    expect(forged.split('\n')[0]).toBe('docs/x.md\\u000a  9:9      error    forged  no-secrets\\u000a\\u001b[2J.md');
    expect(forged.split('\n')).toHaveLength(5);
  });

  it('says so when there is nothing to report, with singular and plural', () => {
    expect(stylish([result('docs/ok.md', [])], false)).toBe('✔ 1 file checked, no problems\n');
    expect(stylish([result('docs/ok.md', []), result('docs/b.md', [])], false)).toBe('✔ 2 files checked, no problems\n');
    expect(stylish([result('docs/a.md', [msg({ ruleId: 'freshness', severity: 1, message: 'Late', line: 2, column: 1 })])], false)).toBe(
      'docs/a.md\n  2:1      warning  Late  freshness\n\n✖ 1 problem (0 errors, 1 warning) in 1 file checked\n',
    );
  });

  it('uses no colour codes when colour is off', () => {
    expect(stylish(RESULTS, false)).not.toMatch(/\u001b\[/);
    expect(stylish(RESULTS, true)).toMatch(/\u001b\[/);
  });
});

describe('json', () => {
  it("writes ESLint's result shape", () => {
    const out = JSON.parse(json(RESULTS));
    expect(out).toEqual([
      {
        filePath: '/repo/docs/a, b: c.md',
        messages: [
          { ruleId: 'no-placeholders', severity: 2, message: TRICKY, line: 3, column: 7, endLine: 3, endColumn: 11, nodeType: null },
          { ruleId: 'freshness', severity: 1, message: 'Review due: first line\nsecond line\r', line: 5, column: 16, nodeType: null },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: '/repo/docs/ok.md',
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: '/repo/docs/empty.md',
        messages: [
          {
            ruleId: 'file-read',
            severity: 2,
            message: 'File is empty: add front matter with a title and a type, or delete it',
            line: 1,
            column: 1,
            fatal: true,
            nodeType: null,
          },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ]);
  });

  it('is one line of JSON and an empty array for no files', () => {
    expect(json(RESULTS).trimEnd().split('\n')).toHaveLength(1);
    expect(json([])).toBe('[]\n');
  });
});

describe('github', () => {
  it('writes one workflow command per message, escaping data and properties', () => {
    expect(github(RESULTS)).toBe(
      [
        `::error file=docs/a%2C b%3A c.md,line=3,col=7,endLine=3,endColumn=11,title=handbook(no-placeholders)::Placeholder "TODO" <fill in> & 'co': 50%25, done`,
        '::warning file=docs/a%2C b%3A c.md,line=5,col=16,title=handbook(freshness)::Review due: first line%0Asecond line%0D',
        '::error file=docs/empty.md,line=1,col=1,title=handbook(file-read)::File is empty: add front matter with a title and a type, or delete it',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing when there is nothing to report', () => {
    expect(github([result('docs/ok.md', [])])).toBe('');
  });
});

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict reader for the XML subset the JUnit reporter writes; throws on anything that is not well-formed. */
function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const decode = (s: string, where: string) => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s)) throw new Error(`control character in ${where}`);
    if (/&/.test(s.replace(ENTITY, ''))) throw new Error(`bare & in ${where}: ${s}`);
    return s.replace(
      ENTITY,
      (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.slice(2, -1).replace(/^x/, '0x'))),
    );
  };
  const TOKEN = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pos = decl[0].length;
  while (pos < xml.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(xml);
    if (!m) throw new Error(`not well-formed at offset ${pos}: ${xml.slice(pos, pos + 40)}`);
    pos = TOKEN.lastIndex;
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (!stack.length) {
        if (text.trim()) throw new Error('text outside the root element');
        continue;
      }
      stack[stack.length - 1].text += decode(text, 'text');
      continue;
    }
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]] = decode(a[2], `attribute ${a[1]}`);
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('two root elements');
    else root = el;
    if (!selfClose) stack.push(el);
  }
  if (stack.length || !root) throw new Error('unclosed element');
  return root;
}

describe('junit', () => {
  const doc = parseXml(junit(RESULTS));
  const suites = doc.children;
  const cases = suites.flatMap((s) => s.children);

  it('is well-formed XML with one suite per file and one failing test case per message', () => {
    expect(doc.name).toBe('testsuites');
    expect(suites.map((s) => [s.name, s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([
      ['testsuite', 'docs/a, b: c.md', '2', '2'],
      ['testsuite', 'docs/ok.md', '1', '0'],
      ['testsuite', 'docs/empty.md', '1', '1'],
    ]);
    expect(doc.attrs).toEqual({ name: 'handbook', tests: String(cases.length), failures: '3' });
    expect(cases.map((c) => [c.attrs.classname, c.attrs.name, c.children.map((f) => f.attrs.type)])).toEqual([
      ['handbook.no-placeholders', 'docs/a, b: c.md:3:7 no-placeholders', ['error']],
      ['handbook.freshness', 'docs/a, b: c.md:5:16 freshness', ['warning']],
      ['docs/ok.md', 'handbook lint', []],
      ['handbook.file-read', 'docs/empty.md:1:1 file-read', ['error']],
    ]);
  });

  it('escapes markup characters so the message reads back unchanged', () => {
    const failure = cases[0].children[0];
    expect(failure.attrs.message).toBe(TRICKY);
    expect(failure.text).toBe(`docs/a, b: c.md:3:7 ${TRICKY} (no-placeholders)`);
    expect(junit(RESULTS)).toContain('&lt;fill in&gt; &amp; &apos;co&apos;');
  });

  it('drops characters XML cannot carry', () => {
    const out = junit([result('docs/x.md', [msg({ ruleId: 'file-read', message: 'bad \u0001\u001b byte', line: 1, column: 1 })])]);
    expect(parseXml(out).children[0].children[0].children[0].attrs.message).toBe('bad  byte');
  });

  it('is a valid empty report for no files', () => {
    expect(parseXml(junit([]))).toEqual({ name: 'testsuites', attrs: { name: 'handbook', tests: '0', failures: '0' }, children: [], text: '\n' });
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const { project } = fixtureProject();
  const metas = [
    ...rules.map((r) => r.meta),
    ...Object.entries(ENGINE_RULE_DOCS).map(([id, description]) => ({ id, description, severity: 'error' as const })),
  ];
  const write = (results: FileResult[]) => JSON.parse(sarif(results, metas, (id) => ruleUrl(project, id), '1.2.3'));
  const valid = (log: unknown) => (validate(log) ? [] : validate.errors);

  it('uses the official SARIF 2.1.0 schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(valid(write(RESULTS))).toEqual([]);
    expect(valid(write([]))).toEqual([]);
  });

  it('is a schema that catches broken logs', () => {
    const log = write(RESULTS);
    delete log.runs[0].tool;
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/runs/0', '/runs/0/results/0/level']));
  });

  it('validates with real lint results', async () => {
    const text = runbook().replace('owner: data-platform', 'owner: nobody') + '\nOwner TBD, see [gone](./gone.md).\n';
    const messages = await lintDocs({ 'runbooks/db.md': text }, 'runbooks/db.md');
    expect(messages.map((m) => m.ruleId)).toEqual(['owner-ref', 'no-placeholders', 'link-integrity']);
    const log = write([result('runbooks/db.md', messages)]);
    expect(valid(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(3);
  });

  it('describes every rule and points each result at its rule, file and region', () => {
    const log = write(RESULTS);
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'handbook', version: '1.2.3' });
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(ids).toEqual([...metas.map((m) => m.id)].sort());
    expect(run.tool.driver.rules.find((r: any) => r.id === 'freshness')).toEqual({
      id: 'freshness',
      shortDescription: { text: 'A document is reviewed within its review_every period (warning), and never left twice as long (error).' },
      helpUri: 'https://handbook.invalid/linter/rules/freshness',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.results.map((r: any) => [r.ruleId, ids[r.ruleIndex], r.level, r.message.text])).toEqual([
      ['no-placeholders', 'no-placeholders', 'error', TRICKY],
      ['freshness', 'freshness', 'warning', 'Review due: first line\nsecond line\r'],
      ['file-read', 'file-read', 'error', 'File is empty: add front matter with a title and a type, or delete it'],
    ]);
    expect(run.results[0].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'docs/a%2C%20b%3A%20c.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 11 },
        },
      },
    ]);
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 5, startColumn: 16 });
  });

  it('encodes file names so they stay one relative URI', () => {
    const log = write([
      result('docs/C# notes?.md', [msg({ ruleId: 'freshness', message: 'x', line: 1, column: 1 })]),
      result('docs/café.md', [msg({ ruleId: 'freshness', message: 'y', line: 1, column: 1 })]),
    ]);
    expect(valid(log)).toEqual([]);
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['docs/C%23%20notes%3F.md', 'docs/caf%C3%A9.md']);
    expect(uris.map((u: string) => new URL(u, 'file:///repo/').pathname)).toEqual(['/repo/docs/C%23%20notes%3F.md', '/repo/docs/caf%C3%A9.md']);
  });
});
