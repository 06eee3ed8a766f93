/** Every string value of every data registry, with its key path, without recursion: what security rules scan in data/. */
import { dataPosition } from './load';
import type { Project, Span } from './types';

export interface DataString {
  file: string;
  path: (string | number)[];
  value: string;
  at: () => Span;
}

export function dataStrings(project: Project): DataString[] {
  const out: DataString[] = [];
  for (const file of Object.values(project.data)) {
    const stack: { v: unknown; path: (string | number)[] }[] = [{ v: file.value, path: [] }];
    while (stack.length) {
      const { v, path } = stack.pop()!;
      if (typeof v === 'string') out.push({ file: file.relPath, path, value: v, at: () => dataPosition(file, path) });
      else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v).reverse()) stack.push({ v: x, path: [...path, k] });
    }
  }
  return out;
}
