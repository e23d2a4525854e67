import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A public notice (公示) of a village's candidates, as vetting announced it (table `public_notices`, tipline/003). */
@Entity({ name: 'public_notices' })
export class PublicNoticeRecord {
  @PrimaryColumn({ type: 'text', name: 'notice_id' })
  noticeId!: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  /** Dates as 'YYYY-MM-DD' (Asia/Shanghai). */
  @Column({ type: 'date', name: 'starts_on' })
  startsOn!: string;

  /** The notice's last day: an objection is answered by then. */
  @Column({ type: 'date', name: 'ends_on' })
  endsOn!: string;

  /** Set when the notice ended before its last day. */
  @Column({ type: 'date', name: 'ended_on', nullable: true })
  endedOn!: string | null;
}
