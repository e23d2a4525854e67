import { Injectable } from '@nestjs/common';
import { DomainForbiddenError, type Actor } from '@lw/domain';
import type { PoolClient } from 'pg';
import { EventStore } from '@lw/eventstore';
import * as tip from '../domain';
import { TipAccess } from './tip-access';
import { readTip, type LoadedTip } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

/** A reveal request as an official sees it, with what they may do to it. */
export interface RevealRequestView extends tip.RevealRequest {
  mine: boolean;
  canDecide: boolean;
  canReveal: boolean;
}

/**
 * Who may take part in revealing a reporter, on which tip: officials whose role the access policy
 * lets reveal, on a tip whose content they see. The same 404 as any other tip they may not open.
 */
@Injectable()
export class RevealAccess {
  constructor(
    private readonly store: EventStore,
    private readonly access: TipAccess,
    private readonly settings: TiplineSettings,
  ) {}

  /** The tip, once the role and the tip's visibility are checked. */
  async visibleTip(tipId: string, actor: Actor, tx?: PoolClient): Promise<LoadedTip> {
    if (!tip.mayReveal(this.settings.policy.access, actor.roles)) {
      throw new DomainForbiddenError('reveal.role', '您的角色不能申请或审批查看举报人身份', `roles ${actor.roles.join(',')} may not reveal`);
    }
    const loaded = await readTip(this.store, tipId, tx);
    this.access.viewOf(actor, loaded.state, 'content');
    return loaded;
  }

  context(): tip.RevealContext {
    return { rules: this.settings.policy.access.reveal, now: new Date() };
  }

  view(r: tip.RevealRequest, actor: Actor): RevealRequestView {
    const mine = r.requestedBy === actor.userId;
    return {
      ...r,
      mine,
      canDecide: !mine && r.status === 'pending',
      canReveal: mine && r.status === 'approved' && tip.isOpenRequest(r, this.settings.policy.access.reveal, new Date()),
    };
  }
}

export function revealable(t: tip.TipState): tip.RevealableTip {
  return { tipId: t.received.tipId, hasIdentity: !!t.received.sealedReporter, identityErased: t.identityErased };
}
