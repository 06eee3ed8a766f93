import { refRule } from './ref-rules';

/** Services named in front matter exist in data/services.yaml. */
export const serviceRef = refRule('service-ref', 'service', 'Services named in a document exist in data/services.yaml.');
