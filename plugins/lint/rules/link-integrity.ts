import path from 'node:path';
import { existsSync } from 'node:fs';
import picomatch from 'picomatch';
import { normaliseRoute } from '../routes';
import type { FileContext, FileRule, IndexedDoc } from '../types';

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;
const routeMatchers = new WeakMap<object, (route: string) => boolean>();
function extraRoutes(project: import('../types').Project): (route: string) => boolean {
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

/** Where a resolved repository path may point: a content root, or the static asset folder. */
function insideContent(ctx: FileContext, resolved: string): boolean {
  if (resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(resolved)) return false;
  const allowed = [...ctx.project.config.roots.map((r) => r.path), 'static'];
  return allowed.some((r) => resolved === r || resolved.startsWith(`${r.replace(/\/$/, '')}/`));
}

function anchorProblem(_ctx: FileContext, target: IndexedDoc, anchor: string, url: string): string | undefined {
  const id = decode(anchor, true) ?? anchor;
  if (!id || target.anchors.has(id)) return undefined;
  const list = [...target.anchors].slice(0, 8).map((a) => `#${a}`).join(', ');
  return `Broken anchor in "${url}": ${target.relPath} has no heading "#${id}"${list ? `; it has ${list}` : ''}`;
}

/** Relative links and heading anchors resolve across docs/, runbooks/ and incidents/; site paths name real pages. */
export const linkIntegrity: FileRule = {
  meta: {
    id: 'link-integrity',
    description: 'Relative links, site paths and heading anchors point at documents and headings that exist.',
    severity: 'error',
    scope: 'file',
    needsIndex: true,
  },
  check(ctx) {
    const self = ctx.index.byPath.get(ctx.relPath);
    const extra = extraRoutes(ctx.project);
    for (const link of ctx.outline.links) {
      const url = link.url.trim();
      if (!url || EXTERNAL.test(url) || url.startsWith('//')) continue;
      const hashAt = url.indexOf('#');
      const target = hashAt === -1 ? url : url.slice(0, hashAt);
      const anchor = hashAt === -1 ? undefined : url.slice(hashAt + 1);
      const clean = target.split('?')[0];
      if (decode(clean) === undefined || (anchor !== undefined && decode(anchor, true) === undefined)) {
        ctx.report({ message: `Malformed percent escape in link "${url}": a % must be followed by two hexadecimal digits (write %25 for a literal %)`, at: link.position });
        continue;
      }
      if (clean === '') {
        if (anchor !== undefined && !ctx.outline.anchors.has(decode(anchor, true)!)) {
          const list = [...ctx.outline.anchors].slice(0, 8).map((a) => `#${a}`).join(', ');
          ctx.report({ message: `Broken anchor "#${anchor}": no heading with that id in this document${list ? `; it has ${list}` : ''}`, at: link.position });
        }
        continue;
      }
      if (clean.startsWith('/')) {
        const route = normaliseRoute(decode(clean)!);
        const doc = ctx.index.byRoute.get(route);
        if (doc) {
          if (anchor !== undefined) {
            const p = anchorProblem(ctx, doc, anchor, url);
            if (p) ctx.report({ message: p, at: link.position });
          }
          continue;
        }
        if (extra(route) || existsSync(path.join(ctx.project.root, 'static', route))) continue;
        ctx.report({ message: `Broken link "${url}": no page of this handbook is published at ${route}`, at: link.position });
        continue;
      }
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(ctx.relPath), decode(clean)!));
      if (!insideContent(ctx, resolved)) {
        // Docusaurus copies a linked file into the build wherever it is: never publish files from outside the handbook.
        ctx.report({
          message: `Link "${url}" resolves outside the content roots (${resolved}): only files under ${[...ctx.project.config.roots.map((r) => r.path), 'static'].join(', ')} may be linked; the build would publish it`,
          at: link.position,
        });
        continue;
      }
      const doc = ctx.index.byPath.get(resolved);
      if (doc) {
        const sameRoot = self && doc.relPath.split('/')[0] === self.relPath.split('/')[0];
        if (!sameRoot) {
          ctx.report({
            message: `Link "${url}" crosses content roots: Docusaurus only resolves file links inside one root; link to the site path ${doc.route} instead`,
            at: link.position,
          });
          continue;
        }
        if (anchor !== undefined) {
          const p = anchorProblem(ctx, doc, anchor, url);
          if (p) ctx.report({ message: p, at: link.position });
        }
        continue;
      }
      if (/\.mdx?$/.test(clean)) {
        ctx.report({ message: `Broken link "${url}": ${resolved} does not exist`, at: link.position });
        continue;
      }
      if (existsSync(path.join(ctx.project.root, resolved))) continue; // an asset such as an image
      // A relative URL without extension: resolve it against this page's route.
      if (self?.route) {
        const base = self.route.endsWith('/') ? self.route : path.posix.dirname(self.route + '/x');
        const route = normaliseRoute(path.posix.join(isIndexRoute(self) ? self.route : path.posix.dirname(self.route), clean));
        void base;
        if (ctx.index.byRoute.has(route) || extra(route)) continue;
      }
      ctx.report({ message: `Broken link "${url}": no file ${resolved} and no page at that address; link to the .md/.mdx file`, at: link.position });
    }
  },
};

function isIndexRoute(doc: IndexedDoc): boolean {
  return /(^|\/)(index|readme)\.mdx?$/i.test(doc.relPath);
}
