/** One candidate of a running public notice (公示), as the public may read it: no id numbers, no private facts. */
export interface PublicNoticeRow {
  villageCode: string;
  villageName: string;
  townshipName: string | null;
  post: string | null;
  name: string;
  /** Last day of the notice (Asia/Shanghai); an objection is answered by then. */
  endsOn: string;
}

/**
 * Candidates under a notice running today (started, not past its last day, not ended early), from
 * the tables vetting's events fill. Paginated; ordered by the notice's end, then village and post.
 */
export abstract class PublicNoticeBoard {
  /** `within`: a township or village code; outside the deployment, nothing. */
  abstract running(q: { within?: string; page: number; pageSize: number; now?: Date }): Promise<{ total: number; page: number; pageSize: number; rows: PublicNoticeRow[] }>;
}

/** Townships and villages of the deployment by name, for the public form's pickers (public statistics codes). */
export abstract class PublicPlaces {
  /** Children of a township (villages) or of the deployment root (townships); null for a code outside the deployment. */
  abstract childrenOf(code: string | null): { code: string; name: string; level: string }[] | null;
}
