import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a name, one letter per Chinese character (pinyin-pro reads
 * polyphonic characters in context: 重庆 → cq); ASCII letters and digits are kept, punctuation dropped.
 */
export function initialsOf(name: string): string {
  return initialsWithPrefix(name, 0).initials;
}

/** Initials of the name and of its first prefixChars characters, from one pinyin pass. */
export function initialsWithPrefix(name: string, prefixChars: number): { initials: string; prefixInitials: string } {
  const parts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' });
  let initials = '';
  let prefixInitials = '';
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i].charAt(0).toLowerCase();
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) initials += c;
    if (i + 1 === prefixChars) prefixInitials = initials;
  }
  // pinyin-pro yields one entry per character; if it ever does not, the prefix falls back to its own run.
  if (prefixChars > 0 && parts.length !== name.length) prefixInitials = initialsOf(name.slice(0, prefixChars));
  return { initials, prefixInitials };
}
