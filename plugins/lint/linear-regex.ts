/**
 * Regular expressions from configuration run on RE2 (re2js): matching takes linear time whatever the pattern, so a
 * pattern such as `(a+)+$` in handbook.config.yaml cannot hang a lint run. `LinearRegExp` is a RegExp whose `exec`
 * is RE2's, so `test`, `matchAll`, `replace` and friends (which all call `exec`) use it too.
 */
import { RE2JS } from 're2js';

function re2Flags(flags: string): number {
  let f = 0;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

export class LinearRegExp extends RegExp {
  private readonly re2: RE2JS;

  constructor(source: string | RegExp, flags?: string) {
    const src = typeof source === 'string' ? source : source.source;
    const fl = flags ?? (typeof source === 'string' ? '' : source.flags);
    super(src, fl);
    this.re2 = RE2JS.compile(src, re2Flags(fl));
  }

  static get [Symbol.species](): RegExpConstructor {
    return LinearRegExp as unknown as RegExpConstructor;
  }

  override exec(input: string): RegExpExecArray | null {
    const s = String(input);
    const keep = this.global || this.sticky;
    const from = keep ? this.lastIndex : 0;
    if (from > s.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.re2.matcher(s);
    if (!m.find(from) || (this.sticky && m.start() !== from)) {
      if (keep) this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
    const out = Object.assign(groups, { index: m.start(), input: s, groups: undefined }) as unknown as RegExpExecArray;
    if (keep) this.lastIndex = m.end();
    return out;
  }
}

/** Why a configured pattern cannot be used, or undefined when it compiles in both JavaScript and RE2. */
export function regexProblem(pattern: string, flags = ''): string | undefined {
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
  try {
    RE2JS.compile(pattern, re2Flags(flags));
  } catch (e) {
    return `${(e as Error).message.replace(/^error parsing regexp: /, '')} (patterns run on a linear-time engine, RE2: no backreferences or lookaround)`;
  }
  return undefined;
}

const cache = new Map<string, LinearRegExp>();
/** A cached LinearRegExp for a configured pattern (validated when the config was loaded). */
export function configRegex(pattern: string, flags = ''): LinearRegExp {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new LinearRegExp(pattern, flags);
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}
