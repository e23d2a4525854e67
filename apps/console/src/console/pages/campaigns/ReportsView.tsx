// 报告: each version freezes the draft and its figures (approved dossiers only), attributed; a
// version is read here and downloaded as Word in 公文 layout. Numbers come from the server's draft;
// what the data lacks shows as 【请填写：…】 for the writer to complete in Word.
import { useState } from 'react';
import { App, Button, Card, List, Space, Typography } from 'antd';
import { download } from '../../../shared/api';
import { formatDateTime } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';
import { campaignPath, freezeReport, type CampaignDetail, type ReportDraft, type ReportVersionRow } from './campaign-api';
import { REVIEWERS } from './labels';

export function ReportsView({ campaign }: { campaign: CampaignDetail }) {
  const user = useUser();
  const { message } = App.useApp();
  const base = `${campaignPath(campaign.campaignId)}/reports`;
  const versions = useApi<ReportVersionRow[]>(base);
  const [shown, setShown] = useState<number | null>(null);
  const draft = useApi<ReportDraft>(shown === null ? null : `${base}/${shown}`);
  const [busy, setBusy] = useState(false);
  const freeze = async () => {
    setBusy(true);
    try {
      const r = await freezeReport(campaign.campaignId);
      message.success(`已生成第 ${r.version} 版`);
      versions.reload();
      setShown(r.version);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="campaign-reports">
      {hasRole(user, ...REVIEWERS) && (
        <Button type="primary" loading={busy} onClick={freeze} data-testid="report-freeze">
          按已审定档案生成新版本
        </Button>
      )}
      {versions.error && <Typography.Text type="danger">{versions.error}</Typography.Text>}
      <List
        bordered
        loading={versions.loading && !versions.data}
        dataSource={[...(versions.data ?? [])].sort((a, b) => b.version - a.version)}
        locale={{ emptyText: '尚未生成报告' }}
        renderItem={(v) => (
          <List.Item
            data-testid={`report-version-${v.version}`}
            actions={[
              <Button key="view" type="link" onClick={() => setShown(v.version)}>
                查看
              </Button>,
              <Button
                key="docx"
                type="link"
                onClick={() => download(`${base}/${v.version}/docx`, `${campaign.name}（第${v.version}版）.docx`).catch((e: Error) => message.error(e.message))}
                data-testid={`report-docx-${v.version}`}
              >
                下载 Word
              </Button>,
            ]}
          >
            第 {v.version} 版 · {formatDateTime(v.at)}
            {v.byName && <Typography.Text type="secondary" data-testid={`report-by-${v.version}`}>{` · ${v.byName}`}</Typography.Text>}
          </List.Item>
        )}
      />
      {shown !== null && draft.data && <DraftView draft={draft.data} />}
    </Space>
  );
}

function DraftView({ draft }: { draft: ReportDraft }) {
  return (
    <Card data-testid="report-draft" style={{ fontFamily: 'FangSong, STFangsong, serif' }}>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {draft.title}
      </Typography.Title>
      {draft.subtitle && <p style={{ textAlign: 'center' }}>{draft.subtitle}</p>}
      {draft.addressee && <p>{draft.addressee.replace(/[:：]$/, '')}：</p>}
      {draft.blocks.map((b, i) =>
        b.kind === 'table' ? (
          <table key={i} style={{ borderCollapse: 'collapse', width: '100%', margin: '8px 0' }}>
            <thead>
              <tr>
                {b.header.map((h, j) => (
                  <th key={j} style={{ border: '1px solid #999', padding: 4 }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((cell, k) => (
                    <td key={k} style={{ border: '1px solid #999', padding: 4 }}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p key={i} style={{ textIndent: b.kind === 'paragraph' ? '2em' : 0, fontWeight: b.kind === 'heading' ? 600 : undefined, margin: '6px 0' }}>
            {b.text}
          </p>
        ),
      )}
      <p style={{ textAlign: 'right', marginTop: 24 }}>
        {draft.signature.unit}
        <br />
        {draft.signature.date}
      </p>
    </Card>
  );
}
