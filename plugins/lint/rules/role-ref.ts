import { refRule } from './ref-rules';

/** Roles named in front matter (role, roles, expected decisions, incident roles) exist in data/roles.yaml. */
export const roleRef = refRule('role-ref', 'role', 'Roles named in a document exist in data/roles.yaml.');
