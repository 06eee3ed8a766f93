import type { FileResult, RuleMetaOf, RuleKind } from '../types';

/** SARIF 2.1.0 for code-scanning dashboards. Paths are relative to the repository root (%SRCROOT%). */
export function sarif(
  results: FileResult[],
  rules: Pick<RuleMetaOf<RuleKind>, 'id' | 'description' | 'severity'>[],
  ruleUrl: (id: string) => string,
  version = '0.0.0',
): string {
  const ids = new Set<string>(rules.map((r) => r.id));
  for (const r of results) for (const m of r.messages) ids.add(m.ruleId);
  const described = new Map(rules.map((r) => [r.id, r]));
  const ruleList = [...ids].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'handbook',
            informationUri: 'https://github.com/incident-handbook/incident-handbook',
            version,
            rules: ruleList.map((id) => ({
              id,
              shortDescription: { text: described.get(id)?.description ?? id },
              helpUri: absoluteUri(ruleUrl(id)),
              defaultConfiguration: { level: described.get(id)?.severity === 'warn' ? 'warning' : 'error' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: results.flatMap((r) =>
          r.messages.map((m) => ({
            ruleId: m.ruleId,
            ruleIndex: ruleList.indexOf(m.ruleId),
            level: m.severity === 2 ? 'error' : 'warning',
            message: { text: m.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.relPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: m.line,
                    startColumn: m.column,
                    ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF wants absolute help URIs; site-relative docs URLs get a placeholder host. */
function absoluteUri(url: string): string {
  return /^[a-z]+:/i.test(url) ? url : `https://handbook.invalid${url.startsWith('/') ? '' : '/'}${url}`;
}
