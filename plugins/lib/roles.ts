/**
 * Roles by what they do, never by id: commands and the responder find the incident commander, the communications
 * lead and the scribe through `function:` in data/roles.yaml, so an organisation can rename or remove a role by
 * editing data only.
 */
export type RoleFunction = 'command' | 'deputy-command' | 'communications' | 'scribe' | 'responder' | 'expert' | 'customer' | 'security' | 'legal';

interface RoleEntry {
  id?: unknown;
  function?: unknown;
  name?: unknown;
}

/** The ids of the roles with this function, in the order of data/roles.yaml. */
export function rolesWithFunction(rolesData: unknown, fn: RoleFunction): string[] {
  const list = (rolesData as { roles?: unknown } | undefined)?.roles;
  if (!Array.isArray(list)) return [];
  return list.filter((r: RoleEntry) => r && r.function === fn && typeof r.id === 'string').map((r: RoleEntry) => r.id as string);
}

/** The first role with this function, or undefined when data/roles.yaml names none. */
export function roleWithFunction(rolesData: unknown, fn: RoleFunction): string | undefined {
  return rolesWithFunction(rolesData, fn)[0];
}
