import { refRule } from './ref-rules';

/** Incident types named in front matter exist in data/incident-types.yaml. */
export const incidentTypeRef = refRule('incident-type-ref', 'incident-type', 'Incident types named in a document exist in data/incident-types.yaml.');
