import { refRule } from './ref-rules';

/** Every severity named in front matter (severity, severities, severity_history) exists in data/severity.yaml. */
export const severityRef = refRule('severity-ref', 'severity', 'Severity levels named in a document exist in data/severity.yaml.');
