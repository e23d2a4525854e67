// 工作组: who leads each, who is in it, and the villages (and township teams) it covers. A village
// belongs to one group; the server refuses a second (its message names the group).
import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { removeGroup, type CampaignDetail, type WorkGroup } from './campaign-api';
import { nextId } from './sections/section-props';
import { useScopeSubjects } from './useScopeSubjects';
import { WorkGroupForm } from './WorkGroupForm';

export function WorkGroups({ campaign, editable, onChanged }: { campaign: CampaignDetail; editable: boolean; onChanged(): void }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<WorkGroup | null>(null);
  const subjects = useScopeSubjects(campaign.scope);
  const names = new Map([...subjects.villages, ...subjects.townships].map((n) => [n.code, n.name]));
  const nameOf = (g: WorkGroup, code: string) => g.villageNames?.[g.villages.indexOf(code)] ?? g.townshipNames?.[g.townships.indexOf(code)] ?? names.get(code) ?? code;
  const blank = (): WorkGroup => ({
    groupId: nextId('g', campaign.groups.map((g) => g.groupId)),
    name: `第${campaign.groups.length + 1}工作组`,
    leader: { name: '', post: '' },
    members: [],
    villages: [],
    townships: [],
  });
  const remove = (g: WorkGroup) =>
    removeGroup(campaign.campaignId, g.groupId).then(
      () => {
        message.success('工作组已撤销');
        onChanged();
      },
      (err: Error) => message.error(err.message),
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="work-groups">
      {editable && (
        <Button type="primary" onClick={() => setEditing(blank())} data-testid="group-new">
          成立工作组
        </Button>
      )}
      {campaign.groups.length === 0 && <Empty description="尚未成立工作组" />}
      {campaign.groups.map((g) => (
        <Card
          key={g.groupId}
          size="small"
          title={g.name}
          data-testid={`group-${g.groupId}`}
          extra={
            editable && (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing(g)}>
                  修改
                </Button>
                <Popconfirm title="撤销该工作组？已建的档案保留。" onConfirm={() => remove(g)}>
                  <Button type="link" size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            组长：{g.leader.name}（{g.leader.post}）{g.members.length > 0 && `；成员：${g.members.map((m) => `${m.name}（${m.post}）`).join('、')}`}
          </Typography.Paragraph>
          <Space wrap size={[4, 4]}>
            {g.villages.map((v) => (
              <Tag key={v}>{nameOf(g, v)}</Tag>
            ))}
            {g.townships.map((t) => (
              <Tag key={t} color="purple">
                {nameOf(g, t)}领导班子
              </Tag>
            ))}
          </Space>
        </Card>
      ))}
      {editing && (
        <WorkGroupForm
          campaign={campaign}
          group={editing}
          subjects={subjects}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}
