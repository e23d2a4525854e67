import type { Hierarchy } from '@lw/hierarchy';

/**
 * The top node of this installation: its deployment scope, or without one a node with no parent in
 * the imported tree. National data (the working calendar) is changed only from there.
 */
export function isInstallationRoot(hierarchy: Hierarchy, node: string): boolean {
  const here = hierarchy.get(node);
  if (!here) return false;
  if (hierarchy.scope !== undefined) return here.code === hierarchy.get(hierarchy.scope)?.code;
  return hierarchy.ancestors(here.code).length === 0;
}
