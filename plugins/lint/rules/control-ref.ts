import { refRule } from './ref-rules';

/** Controls claimed in front matter (`controls: [soc2:CC7.4]`) exist in data/frameworks/. */
export const controlRef = refRule('control-ref', 'control', 'Controls a document claims exist in a framework in data/frameworks/.');
