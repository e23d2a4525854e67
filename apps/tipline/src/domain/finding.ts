/** The conclusion of a preliminary check (初步核实). */
export const FINDINGS = ['substantiated', 'partly_substantiated', 'unsubstantiated', 'unverifiable'] as const;
export type Finding = (typeof FINDINGS)[number];

export const FINDING_LABELS: Readonly<Record<Finding, string>> = {
  substantiated: '属实',
  partly_substantiated: '部分属实',
  unsubstantiated: '不属实',
  unverifiable: '无法查实',
};

/** Findings that count as substantiated in statistics and that usually need rectification. */
export function isSubstantiated(f: Finding): boolean {
  return f === 'substantiated' || f === 'partly_substantiated';
}
