// One section of the dossier form: its editor wired to its own autosave, its save state reported up
// to the panel header (未保存 / 已保存).
import { useEffect, type ReactElement } from 'react';
import { Alert } from 'antd';
import type { CampaignPack, DossierProblem, DossierSection, DossierSections, SubjectRules } from './campaign-api';
import type { SaveState } from './section-saver';
import { ClassificationSection } from './sections/ClassificationSection';
import { FindingsSection } from './sections/FindingsSection';
import { FormsSection } from './sections/FormsSection';
import { MeetingsSection } from './sections/MeetingsSection';
import { MembersSection } from './sections/MembersSection';
import { OpinionsSection } from './sections/OpinionsSection';
import { ProblemsSection } from './sections/ProblemsSection';
import { RecordsSection } from './sections/RecordsSection';
import { RunningSection } from './sections/RunningSection';
import type { SectionProps } from './sections/section-props';
import { TalksSection } from './sections/TalksSection';
import { TeamSection } from './sections/TeamSection';
import { useSectionSave } from './useSectionSave';

type Editors = { [S in DossierSection]: (p: SectionProps<S> & { shareMin: number }) => ReactElement };

const EDITORS: Editors = {
  talks: TalksSection,
  meetings: MeetingsSection,
  records: RecordsSection,
  forms: FormsSection,
  opinions: OpinionsSection,
  findings: FindingsSection,
  team: TeamSection,
  members: MembersSection,
  classification: ClassificationSection,
  problems: ProblemsSection,
  running: RunningSection,
};

export function SectionEditor<S extends DossierSection>({
  campaignId,
  subject,
  section,
  server,
  rules,
  pack,
  problems,
  disabled,
  onState,
  onSaved,
}: {
  campaignId: string;
  subject: string;
  section: S;
  server: DossierSections[S];
  rules: SubjectRules;
  pack: CampaignPack;
  problems: DossierProblem[];
  disabled: boolean;
  onState(section: S, state: SaveState, message?: string): void;
  onSaved(): void;
}) {
  const s = useSectionSave(campaignId, subject, section, server, onSaved);
  useEffect(() => onState(section, s.state, s.message), [s.state, s.message]);
  const Editor = EDITORS[section] as (p: SectionProps<S> & { shareMin: number }) => ReactElement;
  return (
    <>
      {s.state === 'rejected' && s.message && <Alert type="error" showIcon title={`未保存：${s.message}`} style={{ marginBottom: 8 }} data-testid={`section-error-${section}`} />}
      {s.restored && <Alert type="info" showIcon title="已恢复本机上次未保存的内容，正在重新保存" style={{ marginBottom: 8 }} />}
      <Editor
        value={s.value}
        set={s.set}
        rules={rules}
        problemCategories={pack.problemCategories}
        problems={problems}
        disabled={disabled}
        shareMin={pack.thresholds.representativeShareMin}
      />
    </>
  );
}
