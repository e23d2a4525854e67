// Set up a work group: name, leader, members, and the villages (and township teams) it covers.
// Villages already in another group are marked; the server has the last word.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, type ButtonProps } from 'antd';
import { putGroup, type CampaignDetail, type PersonRef, type WorkGroup } from './campaign-api';
import type { ScopeSubjects } from './useScopeSubjects';

export function WorkGroupForm({ campaign, group, subjects, onCancel, onDone }: { campaign: CampaignDetail; group: WorkGroup; subjects: ScopeSubjects; onCancel(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [g, setG] = useState<WorkGroup>(group);
  const [busy, setBusy] = useState(false);
  const elsewhere = new Map<string, string>();
  for (const other of campaign.groups) if (other.groupId !== group.groupId) for (const code of [...other.villages, ...other.townships]) elsewhere.set(code, other.name);
  const setMember = (i: number, patch: Partial<PersonRef>) => setG({ ...g, members: g.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const save = async () => {
    setBusy(true);
    try {
      await putGroup(campaign.campaignId, {
        groupId: g.groupId,
        name: g.name.trim(),
        leader: { name: g.leader.name.trim(), post: g.leader.post.trim() },
        members: g.members.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), post: m.post.trim() })),
        villages: g.villages,
        townships: g.townships,
      });
      message.success('工作组已保存');
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const option = (code: string, name: string) => ({ value: code, label: elsewhere.has(code) ? `${name}（已在${elsewhere.get(code)}）` : name, disabled: elsewhere.has(code) });
  return (
    <Modal open title="工作组" okText="保存" onOk={save} confirmLoading={busy} onCancel={onCancel} width={640} okButtonProps={{ 'data-testid': 'group-submit' } as ButtonProps}>
      <Form layout="vertical">
        <Form.Item label="名称" required>
          <Input value={g.name} maxLength={50} onChange={(e) => setG({ ...g, name: e.target.value })} data-testid="group-name" />
        </Form.Item>
        <Form.Item label="组长" required>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder="姓名" value={g.leader.name} onChange={(e) => setG({ ...g, leader: { ...g.leader, name: e.target.value } })} data-testid="group-leader-name" />
            <Input placeholder="职务" value={g.leader.post} onChange={(e) => setG({ ...g, leader: { ...g.leader, post: e.target.value } })} data-testid="group-leader-post" />
          </Space.Compact>
        </Form.Item>
        <Form.Item label="成员">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {g.members.map((m, i) => (
              <Space.Compact key={i} style={{ width: '100%' }}>
                <Input placeholder="姓名" value={m.name} onChange={(e) => setMember(i, { name: e.target.value })} data-testid={`group-member-${i}-name`} />
                <Input placeholder="职务" value={m.post} onChange={(e) => setMember(i, { post: e.target.value })} data-testid={`group-member-${i}-post`} />
                <Button danger onClick={() => setG({ ...g, members: g.members.filter((_, j) => j !== i) })}>
                  删除
                </Button>
              </Space.Compact>
            ))}
            <Button onClick={() => setG({ ...g, members: [...g.members, { name: '', post: '' }] })} data-testid="group-member-add">
              添加成员
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label="负责的村（社区）" help={subjects.error ?? undefined}>
          <Select
            mode="multiple"
            value={g.villages}
            onChange={(v: string[]) => setG({ ...g, villages: v })}
            options={subjects.villages.map((v) => option(v.code, v.name))}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择村（社区）"
            data-testid="group-villages"
          />
        </Form.Item>
        {campaign.pack.township && (
          <Form.Item label="负责的乡镇领导班子">
            <Select mode="multiple" value={g.townships} onChange={(v: string[]) => setG({ ...g, townships: v })} options={subjects.townships.map((t) => option(t.code, t.name))} placeholder="选择乡镇" data-testid="group-townships" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
