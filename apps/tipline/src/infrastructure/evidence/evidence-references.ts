import type { EventStore } from '@lw/eventstore';
import { tipStreamId } from '../../application/tip-stream';

const TIP_ID = /^tip-(.*)$/;

/**
 * Which tips refer to an evidence object, read from the tips' `TipReceived` events (the only event
 * that carries evidence), never from a read model: a lagging one could let a purge delete an object
 * a living tip still needs. A tip is living until its reporter identity was erased.
 */
export class EvidenceReferences {
  constructor(private readonly store: EventStore) {}

  /** True when a tip other than `exceptTipId`, not erased, refers to the object at `address`. */
  async heldByLivingTip(address: string, exceptTipId: string): Promise<boolean> {
    const held = await this.store.eventsWhere({
      type: 'TipReceived',
      dataContains: { evidence: [{ sha256: address }] },
      streamLacks: 'ReporterIdentityErased',
      exceptStream: tipStreamId(exceptTipId),
      limit: 1,
    });
    return held.length > 0;
  }

  /** Every erased tip that carried evidence, with the addresses of its objects. */
  async erasedTipsWithEvidence(): Promise<{ tipId: string; addresses: string[] }[]> {
    const received = await this.store.eventsWhere({ type: 'TipReceived', streamHas: 'ReporterIdentityErased' });
    return received
      .map((e) => ({ tipId: TIP_ID.exec(e.streamId)![1], addresses: ((e.data?.evidence ?? []) as { sha256: string }[]).map((x) => x.sha256) }))
      .filter((t) => t.addresses.length > 0);
  }
}
