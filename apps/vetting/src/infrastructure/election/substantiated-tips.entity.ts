import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tips concluded (partly) substantiated against a nominee, matched by name within the village (table `substantiated_tips`, vetting/002). */
@Entity({ name: 'substantiated_tips' })
export class SubstantiatedTipRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'tip_id' })
  tipId!: string;

  /** 'YYYY-MM-DD'. */
  @Column({ type: 'date', name: 'concluded_on' })
  concludedOn!: string;

  @Column({ type: 'text', name: 'summary' })
  summary!: string;
}
