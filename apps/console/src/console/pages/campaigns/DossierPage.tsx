// 一村一档: one village's (or township team's) dossier, filled by its work group on a phone or
// tablet. One collapsible panel per section, each saving itself as it goes; then the review and,
// once approved, the feedback letter, the 整改承诺书 and the problems accepted into rectification.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Collapse, Space, Spin, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';
import { campaignPath, dossierPath, type CampaignDetail, type DossierSection, type DossierView } from './campaign-api';
import { CommitmentsView } from './CommitmentsView';
import { DOSSIER_STATUS_COLORS, DOSSIER_STATUS_LABELS, SAVE_STATE_COLORS, SAVE_STATE_LABELS, SECTION_LABELS, WRITERS } from './labels';
import { ReviewBar } from './ReviewBar';
import type { SaveState } from './section-saver';
import { SectionEditor } from './SectionEditor';

const VILLAGE_SECTIONS: DossierSection[] = ['talks', 'meetings', 'records', 'forms', 'opinions', 'findings', 'team', 'members', 'classification', 'problems', 'running'];
// Township leadership teams (seed 001) have no village classification.
const TOWNSHIP_SECTIONS = VILLAGE_SECTIONS.filter((s) => s !== 'classification');

export function DossierPage() {
  const { campaignId = '', subjectCode = '' } = useParams();
  const user = useUser();
  const campaign = useApi<CampaignDetail>(campaignPath(campaignId));
  const dossier = useApi<DossierView>(dossierPath(campaignId, subjectCode));
  const [states, setStates] = useState<Partial<Record<DossierSection, { state: SaveState; message?: string }>>>({});
  const onState = useCallback((section: DossierSection, state: SaveState, message?: string) => setStates((s) => ({ ...s, [section]: { state, message } })), []);
  const reload = dossier.reload;

  const d = dossier.data;
  const c = campaign.data;
  if (campaign.error || dossier.error) return <Alert type="error" showIcon title={campaign.error ?? dossier.error} data-testid="dossier-error" />;
  if (!d || !c) return <Spin />;

  const rules = d.subject.kind === 'township' ? c.pack.township ?? c.pack.village : c.pack.village;
  const sections = d.subject.kind === 'township' ? TOWNSHIP_SECTIONS : VILLAGE_SECTIONS;
  const editable = d.status === 'draft' && !c.closed && hasRole(user, ...WRITERS);
  const unsaved = sections.filter((s) => states[s] && states[s]!.state !== 'saved');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 860 }} data-testid="dossier-page">
      <Link to={`/campaigns/${encodeURIComponent(campaignId)}?tab=dossiers`}>← {c.name}</Link>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dossier-title">
          {d.subjectName}
        </Typography.Title>
        <Tag color={DOSSIER_STATUS_COLORS[d.status]} data-testid="dossier-status">
          {DOSSIER_STATUS_LABELS[d.status]}
        </Tag>
        <Tag color={unsaved.length ? 'warning' : 'success'} data-testid="dossier-save-state">
          {unsaved.length ? `${unsaved.length} 项未保存` : '已全部保存'}
        </Tag>
      </Space>
      {d.returnedReason && d.status === 'draft' && <Alert type="warning" showIcon title={`已退回修改：${d.returnedReason}`} data-testid="dossier-returned" />}
      {d.approved && <Typography.Text type="secondary">审定于 {formatDateTime(d.approved.at)}</Typography.Text>}
      <Collapse
        // The status remounts the editors: after a submit or a return they start from the server.
        key={d.status}
        defaultActiveKey={editable ? ['talks'] : []}
        items={sections.map((section) => {
          const st = states[section];
          return {
            key: section,
            // Every section's saver runs from the start, so a copy left on this device goes out at once.
            forceRender: true,
            label: (
              <Space wrap data-testid={`section-${section}`}>
                <span>{SECTION_LABELS[section]}</span>
                <Tag color={SAVE_STATE_COLORS[st?.state ?? 'saved']} data-testid={`section-state-${section}`}>
                  {SAVE_STATE_LABELS[st?.state ?? 'saved']}
                </Tag>
              </Space>
            ),
            children: (
              <SectionEditor
                campaignId={campaignId}
                subject={subjectCode}
                section={section}
                server={d.sections[section]}
                rules={rules}
                pack={c.pack}
                problems={d.sections.problems}
                disabled={!editable}
                onState={onState}
                onSaved={reload}
              />
            ),
          };
        })}
      />
      <ReviewBar campaignId={campaignId} dossier={d} unsaved={unsaved.length} onDone={reload} />
      {d.status === 'approved' && <CommitmentsView campaignId={campaignId} dossier={d} onDone={reload} />}
    </Space>
  );
}
