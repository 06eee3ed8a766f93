import path from 'node:path';
import picomatch from 'picomatch';
import { exists, isFile } from '../probe';
import { normaliseRoute } from '../routes';
import type { CrossDocumentContext, CrossDocumentRule, IndexedDoc, Project } from '../types';

export interface SiteRoot {
  path: string;
  route: string;
}

export interface LinkIntegrityOptions {
  /** Folders whose files the site serves at the site root (Docusaurus `staticDirectories`). */
  static_dirs: string[];
  /** Folders of the pages plugin: `/x` is served by `x.md`, `x.mdx`, `x.js`, `x.tsx`... or `x/index.*` there. */
  pages_dirs: string[];
  /** Content the site publishes from folders this linter does not lint (another docs instance, a blog). */
  site_roots: SiteRoot[];
}

const MESSAGES = {
  malformed: 'Malformed percent escape in link "{{url}}": a % must be followed by two hexadecimal digits (write %25 for a literal %)',
  anchorHere: 'Broken anchor "#{{anchor}}": no heading with that id in this document{{list}}',
  anchorThere: 'Broken anchor in "{{url}}": {{file}} has no heading "#{{anchor}}"{{list}}',
  noRoute: 'Broken link "{{url}}": no page of this handbook is published at {{route}}',
  outside: 'Link "{{url}}" resolves outside the content roots ({{resolved}}): only files under {{allowed}} may be linked; the build would publish it',
  crossRoot: 'Link "{{url}}" crosses content roots: Docusaurus only resolves file links inside one root; link to the site path {{route}} instead',
  missingFile: 'Broken link "{{url}}": {{resolved}} does not exist',
  noTarget: 'Broken link "{{url}}": no file {{resolved}} and no page at that address; link to the .md/.mdx file',
} as const;
type MessageId = keyof typeof MESSAGES;
type Ctx = CrossDocumentContext<LinkIntegrityOptions, MessageId>;

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;
const PAGE_EXTENSIONS = ['.md', '.mdx', '.js', '.jsx', '.ts', '.tsx'];
const DOC_FILE = /\.mdx?$/;

const routeMatchers = new WeakMap<object, (route: string) => boolean>();
function extraRoutes(project: Project): (route: string) => boolean {
  let m = routeMatchers.get(project);
  if (!m) {
    m = project.config.routes.length ? picomatch(project.config.routes) : () => false;
    routeMatchers.set(project, m);
  }
  return m;
}

/** decodeURI/decodeURIComponent that return undefined on a malformed % escape instead of throwing. */
function decode(s: string, component = false): string | undefined {
  try {
    return component ? decodeURIComponent(s) : decodeURI(s);
  } catch {
    return undefined;
  }
}

const trim = (dir: string) => dir.replace(/^\.\//, '').replace(/\/+$/, '');
/** Whether a repository path lies in `dir` (a folder relative to the root). */
const under = (p: string, dir: string) => {
  const d = trim(dir);
  return d === '' || d === '.' ? !p.startsWith('../') : p === d || p.startsWith(`${d}/`);
};
/** Whether a site route lies under a route prefix. */
const routeUnder = (route: string, prefix: string) => {
  const p = normaliseRoute(prefix);
  return p === '/' || route === p || route.startsWith(`${p}/`);
};

/** The file of the pages plugin that serves `route`, if any (files and folders starting with `_` are not pages). */
function pageFor(root: string, dirs: readonly string[], route: string): string | undefined {
  const parts = route.split('/').filter(Boolean);
  if (parts.some((p) => p.startsWith('_') || p === '..' || p === '.')) return undefined;
  const rel = parts.join('/');
  for (const dir of dirs) {
    const candidates = [...(rel ? PAGE_EXTENSIONS.map((e) => `${rel}${e}`) : []), ...PAGE_EXTENSIONS.map((e) => (rel ? `${rel}/index${e}` : `index${e}`))];
    for (const c of candidates) if (isFile(path.join(root, trim(dir), c))) return `${trim(dir)}/${c}`;
  }
  return undefined;
}

/** The route the pages plugin gives a file in one of its folders. */
function pageRoute(file: string, dir: string): string {
  const inDir = file.slice(trim(dir).length + 1).replace(/\.(mdx?|jsx?|tsx?)$/, '');
  return normaliseRoute(`/${inDir.replace(/(^|\/)index$/, '')}`);
}

/** The route of a document in a folder this linter does not lint (no front matter read: the path decides). */
function siteRootRoute(file: string, root: SiteRoot): string {
  const inRoot = file
    .slice(trim(root.path).length + 1)
    .replace(DOC_FILE, '')
    .replace(/(^|\/)(index|readme)$/i, '');
  return normaliseRoute(`${root.route.replace(/\/$/, '')}/${inRoot}`);
}

function anchorList(anchors: Set<string>): string {
  const list = [...anchors]
    .slice(0, 8)
    .map((a) => `#${a}`)
    .join(', ');
  return list ? `; it has ${list}` : '';
}

function checkAnchor(ctx: Ctx, target: IndexedDoc, anchor: string, url: string, at: Parameters<Ctx['report']>[0]['at']) {
  const id = decode(anchor, true) ?? anchor;
  if (!id || target.anchors.has(id)) return;
  ctx.report({ messageId: 'anchorThere', data: { url, file: target.relPath, anchor: id, list: anchorList(target.anchors) }, at });
}

function isIndexRoute(doc: IndexedDoc): boolean {
  return /(^|\/)(index|readme)\.mdx?$/i.test(doc.relPath);
}

/**
 * Relative links and heading anchors resolve across the content roots; site paths name real pages. Links to what the
 * rest of the site publishes (static files, React and Markdown pages, other docs instances named in the options) are
 * valid; a link to any other file on disk is an error, because the build would copy that file into the site.
 */
export const linkIntegrity: CrossDocumentRule<LinkIntegrityOptions, MessageId> = {
  meta: {
    id: 'link-integrity',
    kind: 'cross-document',
    description: 'Relative links, site paths and heading anchors point at documents, headings, pages and files the site publishes.',
    severity: 'error',
    messages: MESSAGES,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        static_dirs: { type: 'array', items: { $ref: '#/$defs/folder' } },
        pages_dirs: { type: 'array', items: { $ref: '#/$defs/folder' } },
        site_roots: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'route'],
            properties: { path: { $ref: '#/$defs/folder' }, route: { type: 'string', pattern: '^/', maxLength: 200 } },
          },
        },
      },
      $defs: {
        // A folder of the project: relative, without "..", no backslashes.
        folder: { type: 'string', minLength: 1, maxLength: 200, pattern: '^(?![/.]\\.?/?$)(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\:]+$' },
      },
    },
    defaultOptions: { static_dirs: ['static'], pages_dirs: ['src/pages'], site_roots: [] },
  },
  check(ctx) {
    const { project, options } = ctx;
    const root = project.root;
    const self = ctx.index.byPath.get(ctx.relPath);
    const extra = extraRoutes(project);
    const contentRoots = project.config.roots.map((r) => r.path);
    for (const link of ctx.doc.links) {
      const at = link.position;
      const url = link.url.trim();
      if (!url || EXTERNAL.test(url) || url.startsWith('//')) continue;
      const hashAt = url.indexOf('#');
      const target = hashAt === -1 ? url : url.slice(0, hashAt);
      const anchor = hashAt === -1 ? undefined : url.slice(hashAt + 1);
      const clean = target.split('?')[0];
      const decoded = decode(clean);
      if (decoded === undefined || (anchor !== undefined && decode(anchor, true) === undefined)) {
        ctx.report({ messageId: 'malformed', data: { url }, at });
        continue;
      }
      if (clean === '') {
        if (anchor !== undefined && !ctx.doc.anchors.has(decode(anchor, true)!))
          ctx.report({ messageId: 'anchorHere', data: { anchor, list: anchorList(ctx.doc.anchors) }, at });
        continue;
      }
      if (clean.startsWith('/')) {
        const route = normaliseRoute(path.posix.normalize(decoded));
        const doc = ctx.index.byRoute.get(route);
        if (doc) {
          if (anchor !== undefined) checkAnchor(ctx, doc, anchor, url, at);
          continue;
        }
        if (extra(route)) continue;
        const file = route.replace(/^\/+/, '');
        if (file && options.static_dirs.some((d) => isFile(path.join(root, trim(d), file)))) continue;
        if (pageFor(root, options.pages_dirs, route)) continue;
        if (options.site_roots.some((r) => routeUnder(route, r.route))) continue;
        ctx.report({ messageId: 'noRoute', data: { url, route }, at });
        continue;
      }
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(ctx.relPath), decoded));
      const escapes = resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(resolved);
      if (escapes || !contentRoots.some((r) => under(resolved, r))) {
        // Not in a linted root: fine when it is something the rest of the site publishes.
        const siteRoot = escapes ? undefined : options.site_roots.find((r) => under(resolved, r.path));
        const pagesDir = escapes ? undefined : options.pages_dirs.find((d) => under(resolved, d));
        const staticDir = escapes ? undefined : options.static_dirs.find((d) => under(resolved, d));
        if (siteRoot && DOC_FILE.test(resolved) && isFile(path.join(root, resolved))) {
          ctx.report({ messageId: 'crossRoot', data: { url, route: siteRootRoute(resolved, siteRoot) }, at });
          continue;
        }
        if (pagesDir && PAGE_EXTENSIONS.some((e) => resolved.endsWith(e)) && isFile(path.join(root, resolved))) {
          ctx.report({ messageId: 'crossRoot', data: { url, route: pageRoute(resolved, pagesDir) }, at });
          continue;
        }
        if (siteRoot || staticDir) {
          if (!exists(path.join(root, resolved))) ctx.report({ messageId: 'missingFile', data: { url, resolved }, at });
          continue;
        }
        // Docusaurus copies a linked file into the build wherever it is: never publish files from outside the handbook.
        const allowed = [...contentRoots, ...options.static_dirs.map(trim), ...options.site_roots.map((r) => trim(r.path))];
        ctx.report({ messageId: 'outside', data: { url, resolved, allowed: allowed.join(', ') }, at });
        continue;
      }
      const doc = ctx.index.byPath.get(resolved);
      if (doc) {
        const sameRoot = self && doc.relPath.split('/')[0] === self.relPath.split('/')[0];
        if (!sameRoot) {
          ctx.report({ messageId: 'crossRoot', data: { url, route: doc.route }, at });
          continue;
        }
        if (anchor !== undefined) checkAnchor(ctx, doc, anchor, url, at);
        continue;
      }
      if (DOC_FILE.test(clean)) {
        ctx.report({ messageId: 'missingFile', data: { url, resolved }, at });
        continue;
      }
      if (exists(path.join(root, resolved))) continue; // an asset such as an image
      // A relative URL without extension: resolve it against this page's route.
      if (self?.route) {
        const route = normaliseRoute(path.posix.join(isIndexRoute(self) ? self.route : path.posix.dirname(self.route), clean));
        if (ctx.index.byRoute.has(route) || extra(route)) continue;
      }
      ctx.report({ messageId: 'noTarget', data: { url, resolved }, at });
    }
  },
};
