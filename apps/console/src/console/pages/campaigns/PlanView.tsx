// The plan as decided, and its change (stages and methods; the kind, area, period and pack stay).
import { useState } from 'react';
import { App, Button, Checkbox, Space, Typography } from 'antd';
import { changePlan, type CampaignDetail, type Stage } from './campaign-api';
import { StagesField } from './StagesField';

export function PlanView({ campaign, editable, onChanged }: { campaign: CampaignDetail; editable: boolean; onChanged(): void }) {
  const { message } = App.useApp();
  const [stages, setStages] = useState<Stage[]>(campaign.stages);
  const [methods, setMethods] = useState<string[]>(campaign.methods);
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify({ stages, methods }) !== JSON.stringify({ stages: campaign.stages, methods: campaign.methods });
  const save = async () => {
    setBusy(true);
    try {
      await changePlan(campaign.campaignId, { stages, methods });
      message.success('工作方案已修改');
      onChanged();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-view">
      <Typography.Text strong>工作阶段</Typography.Text>
      <StagesField value={stages} onChange={setStages} disabled={!editable} />
      <Typography.Text strong>工作方式</Typography.Text>
      <Checkbox.Group value={methods} disabled={!editable} onChange={(v) => setMethods(v as string[])} options={campaign.pack.methods.map((m) => ({ value: m.id, label: m.label }))} />
      {editable && (
        <Button type="primary" disabled={!dirty} loading={busy} onClick={save} data-testid="plan-save">
          保存修改
        </Button>
      )}
      <Typography.Text type="secondary">方案依据：{campaign.pack.source}</Typography.Text>
    </Space>
  );
}
