/** A static server for build/, with the same URL rules as `docusaurus serve` (clean URLs, no trailing slash). */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import handler from 'serve-handler';

export async function serveBuild(dir = path.resolve(__dirname, '../../build')): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`No production build in ${dir}: run "npm run build" first`);
  const server = http.createServer((req, res) => handler(req, res, { public: dir, cleanUrls: true, trailingSlash: false, directoryListing: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
