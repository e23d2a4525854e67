import { createHash } from 'crypto';
import type { TipSubject } from './tip-subject';

/**
 * What makes two tips "the same subject and matter": the same category about the same first subject
 * (a person by citizen id, else by name in the same village; or a village). Hashed so the key table
 * holds no names. Null when the subject is too vague to tell (a person without id or village).
 */
export function matterKey(category: string, subjects: readonly TipSubject[]): string | null {
  const s = subjects[0];
  if (!s) return null;
  let subject: string;
  if (s.kind === 'village') subject = `village:${s.villageCode}`;
  else if (s.citizenId) subject = `id:${s.citizenId}`;
  else if (s.villageCode) subject = `name:${s.villageCode}:${s.name.replace(/\s+/g, '')}`;
  else return null;
  return createHash('sha256').update(`${category}|${subject}`).digest('hex');
}
