// One dossier section's value in the form, saved as it changes (see section-saver.ts): restores an
// unsent local copy on load, sends again when the browser comes back online.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api';
import { useAuth } from '../../auth';
import { DOSSIER_DRAFT_PREFIX } from '../../device-drafts';
import { saveSection, type DossierProblem, type DossierSection, type DossierSections } from './campaign-api';
import { adoptProblemIds, toWire } from './problem-ids';
import { SectionSaver, type FailureKind, type SaveState } from './section-saver';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A response from the server is its answer; no response (or a gateway's 5xx) is the network. */
export function classifyFailure(err: unknown): FailureKind {
  if (!(err instanceof ApiError)) return 'network';
  if (err.status >= 500 || err.status === 408 || err.status === 429) return 'network';
  return err.status === 409 ? 'conflict' : 'rejected';
}

/**
 * Keyed by the user too: if a session expires with sections unsent and someone else logs in on the
 * same device, they neither see them nor send them under their own name; the author's next visit does.
 */
export const sectionKey = (userId: string, campaignId: string, subject: string, section: string) => `${DOSSIER_DRAFT_PREFIX}${userId}:${campaignId}:${subject}:${section}`;

export function useSectionSave<S extends DossierSection>(
  campaignId: string,
  subject: string,
  section: S,
  server: DossierSections[S],
  onSaved: () => void,
): { value: DossierSections[S]; set(v: DossierSections[S]): void; state: SaveState; message?: string; restored: boolean } {
  const userId = useAuth().user?.id ?? 'anonymous';
  const key = sectionKey(userId, campaignId, subject, section);
  const local = useRef(SectionSaver.pending<DossierSections[S]>(storage(), key));
  const restored = local.current !== undefined && JSON.stringify(local.current) !== JSON.stringify(server);
  const [value, setValue] = useState<DossierSections[S]>(restored ? (local.current as DossierSections[S]) : server);
  const [status, setStatus] = useState<{ state: SaveState; message?: string }>({ state: restored ? 'pending' : 'saved' });
  const saved = useRef(onSaved);
  saved.current = onSaved;
  const saver = useRef<SectionSaver<DossierSections[S]> | null>(null);

  useEffect(() => {
    const s = new SectionSaver<DossierSections[S]>({
      key,
      store: storage(),
      classify: classifyFailure,
      send: async (content) => {
        await saveSection(campaignId, subject, section, toWire(section, content));
      },
      onState: (state, message) => {
        setStatus({ state, message });
        if (state === 'saved') saved.current();
      },
    });
    saver.current = s;
    // Content an earlier visit could not send goes first.
    if (restored) s.change(local.current as DossierSections[S]);
    else storage()?.removeItem(key);
    const online = () => s.flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      // What is unsent stays in local storage and goes on the next visit.
      s.stop();
    };
  }, [key]);

  // The server numbers new problems (p1, p2 …): once a save lands and the dossier is read again,
  // the form takes those ids so the next save names the same problems.
  const serverJson = JSON.stringify(server);
  useEffect(() => {
    if (section !== 'problems') return;
    const adopted = adoptProblemIds(value as DossierProblem[], server as DossierProblem[]);
    if (adopted) setValue(adopted as DossierSections[S]);
  }, [serverJson]);

  return {
    value,
    set: (v) => {
      setValue(v);
      saver.current?.change(v);
    },
    state: status.state,
    message: status.message,
    restored,
  };
}

