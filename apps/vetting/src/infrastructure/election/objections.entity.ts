import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tips the tip-line labelled as objections to one of our notices, and the election stream they block (table `objections`, vetting/001). */
@Entity({ name: 'objections' })
export class ObjectionRecord {
  @PrimaryColumn({ type: 'uuid', name: 'tip_id' })
  tipId!: string;

  @Column({ type: 'text', name: 'stream_id' })
  streamId!: string;

  @Column({ type: 'text', name: 'notice_id' })
  noticeId!: string;

  /** Set by the table's default on insert. */
  @Column({ type: 'timestamptz', name: 'received_at', insert: false, update: false })
  receivedAt!: Date;
}
