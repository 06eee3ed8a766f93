/**
 * Runs the handbook lint rules on every document inside the Docusaurus build, with the same engine as the CLI.
 * Production build: any error fails the build with file:line messages. `npm start`: printed as warnings, pages still served.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { formatMessages, lintForBuild } from './session';

export interface RemarkHandbookOptions {
  /** The project root (where handbook.config.yaml is). */
  root: string;
  /** Fail on errors (production) or only warn (development). Default: fail unless NODE_ENV is development. */
  failOnError?: boolean;
}

export default function remarkHandbook(options: RemarkHandbookOptions) {
  const failOnError = options.failOnError ?? (process.env.NODE_ENV !== 'development' && process.env.HANDBOOK_LINT !== 'warn');
  return async (_tree: Root, file: VFile) => {
    if (!file.path) return;
    const result = await lintForBuild(options.root, file.path);
    if (!result || result.messages.length === 0) return;
    const text = formatMessages(result);
    if (failOnError && result.errorCount > 0) {
      // One error naming every problem in the file; Docusaurus prints it and stops the build.
      throw new Error(`handbook lint failed for ${result.relPath}:\n${text}`);
    }
    console.warn(`[handbook] ${result.relPath}\n${text}`);
  };
}
