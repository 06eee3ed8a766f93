export { github } from './github';
export { json } from './json';
export { junit } from './junit';
export { sarif } from './sarif';
export { stylish } from './stylish';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
