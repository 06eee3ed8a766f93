/**
 * The document types the package ships a schema for (schemas/<type>.schema.json). A project without
 * handbook.config.yaml gets every one of these whose schema it has; a config's `types` can add more.
 */
export const DOC_TYPES = [
  'runbook',
  'policy',
  'procedure',
  'role',
  'template',
  'postmortem',
  'training-module',
  'exercise',
  'incident',
  'reference',
  'evidence',
] as const;

export type DocType = (typeof DOC_TYPES)[number];
