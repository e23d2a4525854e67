import type { Migration } from '@lw/db';

/** Campaigns' read model (ids `vetting/campaign_NNN_…`); applied after the assessment migrations. */
export const campaignMigrations: Migration[] = [
  {
    id: 'vetting/campaign_001_read_model',
    sql: `
      -- Inspection campaigns (回头看 / 届中分析 / 研判): the folded plan and groups per campaign.
      CREATE TABLE campaigns (
        campaign_id text        PRIMARY KEY,
        kind        text        NOT NULL,
        scope       text        NOT NULL,
        state       jsonb       NOT NULL,
        version     integer     NOT NULL,
        planned_at  timestamptz NOT NULL
      );
      CREATE INDEX campaigns_scope_idx ON campaigns (scope text_pattern_ops);
      -- One dossier (一村一档) per campaign and subject (village or township team), folded.
      CREATE TABLE campaign_dossiers (
        campaign_id  text    NOT NULL,
        subject_code text    NOT NULL,
        status       text    NOT NULL,
        state        jsonb   NOT NULL,
        version      integer NOT NULL,
        PRIMARY KEY (campaign_id, subject_code)
      );`,
  },
];
