/** Whom or what a tip is about: a person (name, optional citizen id and post) and/or a village. */
export type TipSubject =
  | { kind: 'person'; name: string; citizenId: string | null; post: string | null; villageCode: string | null }
  | { kind: 'village'; villageCode: string };

/** The village a tip is about: the first subject naming one. */
export function villageOf(subjects: readonly TipSubject[]): string | null {
  for (const s of subjects) if (s.villageCode) return s.villageCode;
  return null;
}
