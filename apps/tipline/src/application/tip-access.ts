import { Injectable } from '@nestjs/common';
import { DomainForbiddenError, type Actor } from '@lw/domain';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { atLeast, listReach, tipNotFound, tipViewFor, type TipState, type TipView, type TipViewer } from '../domain';
import { TiplineSettings } from './tipline-settings';

/** Where a viewer's reads reach: their node (as units are coded) and whether it is the deployment's root. */
export interface ViewerScope {
  scope: string;
  scopeIsDeploymentRoot: boolean;
  viewer: TipViewer;
}

/**
 * The access policy (tip-visibility.ts) applied to one staff member: what they see of a tip, with
 * the area from the one Jurisdiction. Every staff read and the reveal steps go through it.
 */
@Injectable()
export class TipAccess {
  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly jurisdiction: Jurisdiction,
    private readonly settings: TiplineSettings,
  ) {}

  /** A division code as units and the tip list code it (significant digits); unknown codes as given. */
  codeOf(code: string): string {
    return this.hierarchy.get(code)?.code ?? code;
  }

  /** The actor's node as units are coded (for "assigned to the viewer's own unit"). */
  unitCodeOf(actor: Pick<Actor, 'node'>): string {
    return this.codeOf(actor.node);
  }

  viewer(actor: Actor): TipViewer {
    return { roles: actor.roles, unitCode: this.unitCodeOf(actor) };
  }

  scoped(actor: Actor): ViewerScope {
    return { scope: this.unitCodeOf(actor), scopeIsDeploymentRoot: this.jurisdiction.covers(actor, null), viewer: this.viewer(actor) };
  }

  /**
   * What the actor sees of this tip, at least `needed`, or: 403 for a role that never opens tips
   * (figures only), the one 404 otherwise (outside the area, or not assigned to the actor's unit).
   */
  viewOf(actor: Actor, state: TipState, needed: TipView): TipView {
    const access = this.settings.policy.access;
    const view = tipViewFor(access, this.viewer(actor), { inScope: this.jurisdiction.covers(actor, state.received.villageCode), unitCode: state.unit?.code ?? null });
    if (atLeast(view, needed)) return view;
    if (listReach(access, actor.roles) === 'none') {
      throw new DomainForbiddenError('tip.open_forbidden', '您的角色只能查看举报统计数据，不能查看举报内容', `roles ${actor.roles.join(',')} see figures only`);
    }
    throw tipNotFound(`tip ${state.received.tipId}: ${actor.userId} sees ${view}, needs ${needed}`);
  }
}
