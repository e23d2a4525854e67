import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import type { IntegrationPayload } from '@lw/domain';
import { TipIndexes } from './tip-indexes.port';

/**
 * Vetting put a village's candidates under public notice (公示): a tip naming one of them while it
 * runs is an objection. Kept in the tip-line's own table (a reaction, in its inbox transaction).
 */
export class RecordPublicNotice extends Command<void> {
  constructor(
    readonly notice: IntegrationPayload<'vetting.PublicNoticeStarted'>,
    readonly tx: PoolClient,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(RecordPublicNotice)
export class RecordPublicNoticeHandler implements ICommandHandler<RecordPublicNotice> {
  constructor(private readonly indexes: TipIndexes) {}
  async execute({ notice: p, tx }: RecordPublicNotice): Promise<void> {
    await this.indexes.saveNotice(tx, {
      noticeId: p.noticeId,
      villageCode: p.villageCode,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      candidates: p.candidates.map((c) => ({ candidateId: c.candidateId, name: c.name, citizenId: c.citizenId ?? null, post: c.post ?? null })),
    });
  }
}

/** A public notice ended before its last day. */
export class EndPublicNotice extends Command<void> {
  constructor(
    readonly noticeId: string,
    readonly endedOn: string,
    readonly tx: PoolClient,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(EndPublicNotice)
export class EndPublicNoticeHandler implements ICommandHandler<EndPublicNotice> {
  constructor(private readonly indexes: TipIndexes) {}
  async execute(c: EndPublicNotice): Promise<void> {
    await this.indexes.endNotice(c.tx, c.noticeId, c.endedOn);
  }
}

export const publicNoticeCommandHandlers = [RecordPublicNoticeHandler, EndPublicNoticeHandler];
