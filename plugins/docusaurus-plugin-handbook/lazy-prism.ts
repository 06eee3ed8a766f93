/**
 * Prism (the code highlighter, about 32 KB compressed with the extra languages) out of the JavaScript every page
 * loads. The classic theme registers the extra languages from a client module, which puts Prism into main.js even on
 * pages without a code block. This plugin swaps that module for an empty one; src/theme/CodeBlock loads Prism and
 * registers the languages in its own chunk, fetched only by pages that show code.
 */
import path from 'node:path';
import type { Plugin } from '@docusaurus/types';

/** The theme's client module, as Docusaurus writes it into .docusaurus/client-modules.js (no extension). */
export const PRISM_CLIENT_MODULE = path.join(path.dirname(require.resolve('@docusaurus/theme-classic/package.json')), 'lib', 'prism-include-languages');

export default function pluginLazyPrism(): Plugin {
  return {
    name: 'handbook-lazy-prism',
    configureWebpack() {
      // `$`: only the exact request, not the theme component of the same name under lib/theme/.
      return { resolve: { alias: { [`${PRISM_CLIENT_MODULE}$`]: path.join(__dirname, 'client', 'no-prism.js') } } };
    },
  };
}
