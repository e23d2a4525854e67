import { outsideJurisdiction, type Actor } from '@lw/domain';
import type { Hierarchy } from './hierarchy';
import type { DivisionNode } from './division-types';

/**
 * The one definition of a user's area, for every service: a code lies in it when the tree puts it
 * under the user's node (merged villages included). A record without a village (county-wide) lies
 * at the deployment's root, so only county users see it. The auth guard's scope checker is the same
 * tree (hosts pass this Hierarchy as `scopeChecker`), so @ScopedBy draws the same line.
 */
export class Jurisdiction {
  readonly root: string;

  constructor(private readonly hierarchy: Hierarchy, root?: string) {
    const code = root ?? hierarchy.scope ?? '';
    this.root = hierarchy.get(code)?.code ?? code;
  }

  covers(actor: Pick<Actor, 'node'>, code: string | null): boolean {
    return this.hierarchy.isInside(code ?? this.root, actor.node);
  }

  /** Refuses (404, see outsideJurisdiction) unless the code lies in the actor's area. */
  require(actor: Pick<Actor, 'node'>, code: string | null, what = '该记录'): void {
    if (!this.covers(actor, code)) throw outsideJurisdiction(what, `${code ?? this.root} outside ${actor.node}`);
  }

  /** A village that exists today inside this deployment, in its canonical code; null otherwise. */
  currentVillage(code: string): DivisionNode | null {
    const n = this.hierarchy.get(code);
    return n && n.level === 'village' && n.validTo == null && (!this.root || this.hierarchy.isInside(n.code, this.root)) ? n : null;
  }

  /** The township a village belongs to, if any. */
  townshipOf(code: string): DivisionNode | null {
    return this.hierarchy.ancestors(code).find((a) => a.level === 'township') ?? null;
  }
}
