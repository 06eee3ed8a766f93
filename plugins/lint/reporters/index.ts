/** Formatters by name: the one map the CLI's --format choices come from. Add a formatter: a file here and a line below. */
import type { RuleDescription } from '../linter';
import type { FileResult } from '../types';
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';

export { github, json, junit, sarif, stylish };

export interface FormatContext {
  /** Every rule and engine check, with description, default level and docs URL. */
  rules: RuleDescription[];
  /** Colour output (stylish only). */
  color: boolean;
  /** The linter's version, for formats that record the tool (SARIF). */
  version: string;
}

export type Formatter = (results: FileResult[], context: FormatContext) => string;

export const formatters = {
  stylish: (results, ctx) => stylish(results, ctx.color),
  json: (results) => json(results),
  sarif: (results, ctx) => {
    const urls = new Map(ctx.rules.map((r) => [r.id, r.url]));
    return sarif(results, ctx.rules, (id) => urls.get(id) ?? id, ctx.version);
  },
  github: (results) => github(results),
  junit: (results) => junit(results),
} satisfies Record<string, Formatter>;

export type Format = keyof typeof formatters;
export const FORMATS = Object.keys(formatters) as Format[];

export function isFormat(name: string): name is Format {
  return Object.hasOwn(formatters, name);
}
