import { useDoc } from '@docusaurus/plugin-content-docs/client';
import React from 'react';
import styles from './styles.module.css';

/** The source file of the document being rendered, when there is one (components also render on React pages). */
function useSourceFile(): string | undefined {
  try {
    return useDoc().metadata.source.replace(/^@site\//, '');
  } catch {
    return undefined;
  }
}

/**
 * What a component shows when a property names something data/ does not have. The linter's component-props rule
 * reports it first; if it still reaches a production build, the build fails here, naming the source file, instead of
 * publishing a silent "unknown" fragment. In development it stays visible on the page.
 */
export function Missing({ children, block = false }: { children: string; block?: boolean }) {
  const source = useSourceFile();
  if (typeof window === 'undefined' && process.env.NODE_ENV === 'production') {
    throw new Error(`${source ?? 'A page'}: ${children} Fix the component's property or data/, then run "npx handbook lint".`);
  }
  return block ? <p className={styles.missing}>{children}</p> : <span className={styles.missing}>{children}</span>;
}
