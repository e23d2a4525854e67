// What the console keeps on the device between visits: dossier sections typed in the village and
// not yet accepted by the server (see pages/campaigns/section-saver.ts). On a shared phone or PC
// they must not outlive the user who typed them, so logout clears them (after asking).

/** Prefix of the local storage keys of unsent dossier sections (`lw:dossier:<user>:<campaign>:<subject>:<section>`). */
export const DOSSIER_DRAFT_PREFIX = 'lw:dossier:';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The keys of the dossier sections kept on this device and not yet saved to the server. */
export function unsentDossierDrafts(): string[] {
  const s = storage();
  if (!s) return [];
  const keys: string[] = [];
  try {
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key?.startsWith(DOSSIER_DRAFT_PREFIX)) keys.push(key);
    }
  } catch {
    /* storage disabled: nothing kept */
  }
  return keys;
}

/** Drops every unsent dossier section on this device. */
export function clearDossierDrafts(): void {
  const s = storage();
  for (const key of unsentDossierDrafts()) {
    try {
      s?.removeItem(key);
    } catch {
      /* already gone */
    }
  }
}
