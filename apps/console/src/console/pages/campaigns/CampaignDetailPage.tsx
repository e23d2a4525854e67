// One campaign: its plan, work groups, dossiers, board and report versions (tab in the query string).
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Descriptions, Popconfirm, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { formatDate } from '../../../shared/time';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';
import { BoardView } from './BoardView';
import { campaignPath, closeCampaign, type CampaignDetail } from './campaign-api';
import { DossierList } from './DossierList';
import { KIND_LABELS, WRITERS } from './labels';
import { PlanView } from './PlanView';
import { ReportsView } from './ReportsView';
import { WorkGroups } from './WorkGroups';

export function CampaignDetailPage() {
  const { campaignId = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'dossiers';
  const { data: c, error, reload } = useApi<CampaignDetail>(campaignPath(campaignId));
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!c) return <Spin />;
  const writer = hasRole(user, ...WRITERS) && !c.closed;
  const close = () =>
    closeCampaign(campaignId).then(
      () => {
        message.success('已结束');
        reload();
      },
      (err: Error) => message.error(err.message),
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="campaign-detail">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-title">
          {c.name}
        </Typography.Title>
        <Tag color="blue">{c.kindLabel ?? KIND_LABELS[c.kind]}</Tag>
        {c.closed && <Tag>已结束</Tag>}
        {writer && (
          <Popconfirm title="结束后不能再修改方案、工作组和档案，确定结束？" onConfirm={close} okText="结束" cancelText="取消">
            <Button size="small">结束本次工作</Button>
          </Popconfirm>
        )}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label="范围">{c.scopeName ?? c.scope}</Descriptions.Item>
        <Descriptions.Item label="时间">{`${formatDate(c.period.from)} 至 ${formatDate(c.period.to)}`}</Descriptions.Item>
        <Descriptions.Item label="检查方案">{`${c.pack.name}（第 ${c.pack.version} 版）`}</Descriptions.Item>
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'dossiers', label: <span data-testid="campaign-tab-dossiers">一村一档</span>, children: tab === 'dossiers' ? <DossierList campaign={c} /> : null },
          { key: 'groups', label: <span data-testid="campaign-tab-groups">工作组</span>, children: tab === 'groups' ? <WorkGroups campaign={c} editable={writer} onChanged={reload} /> : null },
          { key: 'plan', label: <span data-testid="campaign-tab-plan">工作方案</span>, children: tab === 'plan' ? <PlanView campaign={c} editable={writer} onChanged={reload} /> : null },
          { key: 'board', label: <span data-testid="campaign-tab-board">进度看板</span>, children: tab === 'board' ? <BoardView campaign={c} /> : null },
          { key: 'reports', label: <span data-testid="campaign-tab-reports">报告</span>, children: tab === 'reports' ? <ReportsView campaign={c} /> : null },
        ]}
      />
    </Space>
  );
}
