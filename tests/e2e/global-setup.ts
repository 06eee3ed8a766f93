import type { TestProject } from 'vitest/node';
import { serveBuild } from './server';

export default async function setup(project: TestProject) {
  const server = await serveBuild();
  project.provide('baseUrl', server.url);
  return async () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
