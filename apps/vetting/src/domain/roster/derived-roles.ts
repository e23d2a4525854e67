import { isCommitteeChair, isPartySecretary } from './post';
import type { Holding } from './holding';

/*
 * 一肩挑 and 交叉任职 are never typed in: they follow from the holdings, so they cannot disagree
 * with who actually holds what. Pass holdings already filtered to one date (holdingsInForce).
 */

/** Persons on BOTH the party organisation and the villagers' committee (交叉任职). */
export function crossAppointed(inForce: readonly Holding[]): Set<string> {
  const party = new Set(inForce.filter((h) => h.body === 'party').map((h) => h.personId));
  return new Set(inForce.filter((h) => h.body === 'committee' && party.has(h.personId)).map((h) => h.personId));
}

/** Party secretary AND committee chair of the SAME village (一肩挑): one entry per person and village. */
export function oneShoulder(inForce: readonly Holding[]): { personId: string; villageCode: string }[] {
  const chairs = new Set(inForce.filter(isCommitteeChair).map((h) => `${h.personId}|${h.villageCode}`));
  const seen = new Set<string>();
  const out: { personId: string; villageCode: string }[] = [];
  for (const h of inForce.filter(isPartySecretary)) {
    const key = `${h.personId}|${h.villageCode}`;
    if (chairs.has(key) && !seen.has(key)) {
      seen.add(key);
      out.push({ personId: h.personId, villageCode: h.villageCode });
    }
  }
  return out;
}
