/**
 * Embedded players and dashboards in documents (<iframe>, <video>, <source>): allowed only from hosts the project
 * lists (mdx-safety option `embed_hosts`), only over https, and never with inline page content (`srcdoc`).
 * javascript:, data:, vbscript: and file: URLs are refused by mdx-safety's URL check for every attribute.
 */

/** Elements that load content from elsewhere and are allowed only from listed hosts. */
export const EMBED_TAGS: ReadonlySet<string> = new Set(['iframe', 'video', 'source']);

export type EmbedProblem =
  | { id: 'embedSrcdoc'; data: { tag: string } }
  | { id: 'embedNoSrc'; data: { tag: string } }
  | { id: 'embedScheme'; data: { tag: string; url: string } }
  | { id: 'embedHost'; data: { tag: string; host: string; hosts: string } }
  | { id: 'embedNoHosts'; data: { tag: string; host: string } };

export const EMBED_MESSAGES = {
  embedSrcdoc: '<{{tag}} srcdoc> is not allowed: it writes a whole page into the document; embed a URL from an allowed host instead',
  embedNoSrc: '<{{tag}}> needs a src: an https:// URL of a host listed in the mdx-safety option "embed_hosts"',
  embedScheme: '<{{tag}} src="{{url}}"> is not allowed: embeds load only over https:// from a host listed in the mdx-safety option "embed_hosts"',
  embedHost: '<{{tag}}> from "{{host}}" is not allowed: embed hosts are {{hosts}} (mdx-safety option "embed_hosts")',
  embedNoHosts:
    '<{{tag}}> from "{{host}}" is not allowed: no embed hosts are configured; if the host is trusted, list it under the mdx-safety option "embed_hosts" in handbook.config.yaml',
} as const;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const UNSAFE = /^(javascript|data|vbscript|file):/i;

/** Whether `host` (lower case, with `:port` when the URL has one) matches an entry: exact, or `*.domain` for subdomains. */
export function hostAllowed(host: string, port: string, entries: readonly string[]): boolean {
  const full = port ? `${host}:${port}` : host;
  return entries.some((raw) => {
    const e = raw.toLowerCase();
    if (e.startsWith('*.')) {
      const suffix = e.slice(1); // ".example.com[:port]"
      const [domain, p] = suffix.split(':');
      if (p !== undefined && p !== port) return false;
      if (p === undefined && port) return false;
      return host.endsWith(domain) && host.length > domain.length;
    }
    return e === full;
  });
}

/**
 * Problems of one embed element, given its attributes (names in lower case; `true` for a bare attribute).
 * An <iframe> always needs an allowed https URL; a <video> or <source> may also play a file of the site itself
 * (a relative or root-relative path); a <video> whose sources are <source> children needs no src of its own.
 */
export function checkEmbed(tag: string, attrs: Record<string, string | boolean>, hosts: readonly string[]): EmbedProblem[] {
  const out: EmbedProblem[] = [];
  if ('srcdoc' in attrs) {
    out.push({ id: 'embedSrcdoc', data: { tag } });
    if (attrs.src === undefined) return out;
  }
  const raw = attrs.src;
  if (typeof raw !== 'string' || raw.trim() === '') {
    if (tag !== 'video') out.push({ id: 'embedNoSrc', data: { tag } });
    return out;
  }
  // Browsers ignore control characters and whitespace inside the scheme.
  const src = raw.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (UNSAFE.test(src)) return out; // reported by the URL check
  const absolute = SCHEME.test(src) || src.startsWith('//') || src.startsWith('\\\\');
  if (!absolute) {
    if (tag === 'iframe') out.push({ id: 'embedScheme', data: { tag, url: raw.slice(0, 60) } });
    return out; // a video file of the site itself
  }
  let url: URL;
  try {
    url = new URL(src.startsWith('//') ? `https:${src}` : src);
  } catch {
    out.push({ id: 'embedScheme', data: { tag, url: raw.slice(0, 60) } });
    return out;
  }
  if (url.protocol !== 'https:' || src.startsWith('\\')) {
    out.push({ id: 'embedScheme', data: { tag, url: raw.slice(0, 60) } });
    return out;
  }
  const host = url.hostname.toLowerCase();
  if (hostAllowed(host, url.port, hosts)) return out;
  if (hosts.length) out.push({ id: 'embedHost', data: { tag, host: url.host, hosts: hosts.map((h) => `"${h}"`).join(', ') } });
  else out.push({ id: 'embedNoHosts', data: { tag, host: url.host } });
  return out;
}
