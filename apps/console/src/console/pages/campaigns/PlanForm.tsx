// 制定工作方案: the kind, the pack it runs under, the area (county or township), the period, the stages
// and the methods used (of the pack's). The server checks all of it; its Chinese message is shown.
import { useEffect, useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Select, Space, type ButtonProps } from 'antd';
import { useApi } from '../../../shared/useApi';
import { useUser } from '../../auth';
import { VillagePicker } from '../hierarchy/VillagePicker';
import { DateField } from '../roster/DateField';
import { getPack, planCampaign, type CampaignKind, type CampaignPack, type CampaignRow, type PackRow } from './campaign-api';
import { KIND_LABELS } from './labels';
import { StagesField } from './StagesField';

export function PlanForm({ open, onCancel, onDone }: { open: boolean; onCancel(): void; onDone(campaignId: string): void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) as CampaignKind | undefined;
  const packKey = Form.useWatch('pack', form) as string | undefined;
  const packs = useApi<PackRow[]>(open ? '/vetting/campaign-packs' : null);
  const previous = useApi<CampaignRow[]>(open && kind ? '/vetting/campaigns' : null, { kind });
  const [pack, setPack] = useState<CampaignPack | null>(null);

  const ofKind = (packs.data ?? []).filter((p) => p.kind === kind);
  useEffect(() => {
    setPack(null);
    if (!packKey) return;
    const [id, version] = packKey.split('@');
    getPack(id, Number(version)).then(
      (p) => {
        setPack(p);
        form.setFieldValue('methods', p.methods.map((m) => m.id));
      },
      (err: Error) => message.error(err.message),
    );
  }, [packKey]);
  // The newest pack of the kind is the default.
  useEffect(() => {
    const newest = [...ofKind].sort((a, b) => b.version - a.version)[0];
    form.setFieldValue('pack', newest ? `${newest.id}@${newest.version}` : undefined);
  }, [kind, packs.data]);

  const submit = async () => {
    const v = await form.validateFields();
    const [packId, packVersion] = String(v.pack).split('@');
    setBusy(true);
    try {
      const r = await planCampaign({
        kind: v.kind,
        name: String(v.name).trim(),
        scope: v.scope,
        period: { from: v.from, to: v.to },
        packId,
        packVersion: Number(packVersion),
        stages: (v.stages ?? []).filter((s: { name: string }) => s.name.trim()),
        methods: v.methods ?? [],
        previousCampaignId: v.previousCampaignId ?? null,
      });
      message.success('工作方案已制定');
      onDone(r.campaignId);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="制定工作方案" okText="保存" onOk={submit} confirmLoading={busy} onCancel={onCancel} destroyOnHidden width={720} okButtonProps={{ 'data-testid': 'plan-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'midterm', scope: user.node, stages: [] }}>
        <Space wrap>
          <Form.Item name="kind" label="工作类型" rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} data-testid="plan-kind" />
          </Form.Item>
          <Form.Item name="pack" label="检查方案（数据包）" rules={[{ required: true, message: '该类型尚无检查方案' }]}>
            <Select style={{ width: 260 }} options={ofKind.map((p) => ({ value: `${p.id}@${p.version}`, label: `${p.name}（第 ${p.version} 版）` }))} data-testid="plan-pack" />
          </Form.Item>
        </Space>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 100 }]}>
          <Input placeholder="如：2026 年村“两委”班子届中分析" data-testid="plan-name" />
        </Form.Item>
        <Form.Item name="scope" label="范围（县或乡镇）" rules={[{ required: true, message: '请选择范围' }]}>
          <VillagePicker levels={['county', 'township']} placeholder="输入县或乡镇名称搜索" testId="plan-scope" onChange={() => undefined} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DateField value="" onChange={() => undefined} testId="plan-from" />
          </Form.Item>
          <Form.Item name="to" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
            <DateField value="" onChange={() => undefined} testId="plan-to" />
          </Form.Item>
        </Space>
        <Form.Item name="stages" label="工作阶段">
          <StagesField />
        </Form.Item>
        <Form.Item name="methods" label="工作方式">
          <Checkbox.Group options={(pack?.methods ?? []).map((m) => ({ value: m.id, label: m.label }))} />
        </Form.Item>
        <Form.Item name="previousCampaignId" label="对比上届（同类型）">
          <Select allowClear placeholder="不对比" options={(previous.data ?? []).map((c) => ({ value: c.campaignId, label: c.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
