/**
 * BullMQ refuses custom ids that look like integers or contain ':' (it reads "a:b:c" as a legacy
 * repeatable job), yet our ids are "tip:123:acceptance-overdue". A prefix and a reversible escape
 * of '%' and ':' map every id to one BullMQ id and back.
 */
export function toBullJobId(id: string): string {
  return `j.${id.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

export function fromBullJobId(bullId: string): string {
  if (!bullId.startsWith('j.')) throw new Error(`not a job id of this adapter: ${bullId}`);
  return bullId.slice(2).replace(/%3A/g, ':').replace(/%25/g, '%');
}
