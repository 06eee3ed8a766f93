/**
 * Settings that moved under their rules (`rules: { id: [level, options] }`). A config that still uses an old
 * top-level key keeps working, and gets a warning naming the new place.
 */
import type { HandbookConfig, ProjectProblem, RuleSetting, Span } from './types';

interface Moved {
  key: 'placeholders' | 'secrets_allowlist' | 'mdx_components' | 'personal_data';
  rule: string;
  /** The option the value becomes; undefined: the value is the options object itself. */
  option?: string;
}

export const MOVED_SETTINGS: readonly Moved[] = [
  { key: 'placeholders', rule: 'no-placeholders', option: 'patterns' },
  { key: 'secrets_allowlist', rule: 'no-secrets', option: 'allowlist' },
  { key: 'mdx_components', rule: 'mdx-safety', option: 'components' },
  { key: 'personal_data', rule: 'no-personal-data' },
];

function optionsOf(setting: RuleSetting | undefined): Record<string, unknown> {
  return Array.isArray(setting) && setting.length > 1 && setting[1] && typeof setting[1] === 'object' ? (setting[1] as Record<string, unknown>) : {};
}

/** Moves old top-level keys under their rules (unless the rule already has options) and reports each as deprecated. */
export function migrateConfig(config: HandbookConfig, written: Record<string, unknown>, positionOf: (path: (string | number)[]) => Span): ProjectProblem[] {
  const problems: ProjectProblem[] = [];
  config.rules = { ...config.rules };
  for (const m of MOVED_SETTINGS) {
    if (!Object.hasOwn(written, m.key) || written[m.key] === undefined) continue;
    const value = written[m.key];
    const options = m.option ? { [m.option]: value } : (value as Record<string, unknown>);
    const current = config.rules[m.rule];
    const level = typeof current === 'string' ? current : Array.isArray(current) ? current[0] : 'error';
    const shown = m.option ? `{${m.option}: [...]}` : '{...}';
    problems.push({
      file: 'handbook.config.yaml',
      ruleId: 'config-deprecated',
      level: 'warn',
      message: `"${m.key}" is deprecated: move it under its rule, rules: {${m.rule}: [${level}, ${shown}]}`,
      at: positionOf([m.key]),
    });
    // Where both places are written, the lists are joined: nothing either one allows is lost.
    const merged: Record<string, unknown> = { ...optionsOf(current) };
    for (const [k, v] of Object.entries(options)) {
      const before = merged[k];
      merged[k] = Array.isArray(before) && Array.isArray(v) ? [...before, ...v] : v;
    }
    config.rules[m.rule] = [level, merged];
  }
  // Rules still written against the old keys or `ruleOptions` read them here until they take options.
  config.ruleOptions = Object.fromEntries(
    Object.entries(config.rules)
      .filter(([, v]) => Array.isArray(v) && v.length > 1)
      .map(([id, v]) => [id, optionsOf(v)]),
  );
  config.secrets_allowlist = (optionsOf(config.rules['no-secrets']).allowlist as string[] | undefined) ?? [];
  config.mdx_components = (optionsOf(config.rules['mdx-safety']).components as string[] | undefined) ?? [];
  config.personal_data = optionsOf(config.rules['no-personal-data']);
  return problems;
}
