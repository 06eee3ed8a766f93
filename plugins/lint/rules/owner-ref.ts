import { refRule } from './ref-rules';

/** `owner` and other team references exist in data/teams.yaml. */
export const ownerRef = refRule('owner-ref', 'team', 'Owners and other team references exist in data/teams.yaml.');
