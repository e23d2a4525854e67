// 离任审计: engagements with their findings, an election's audit progress and the amounts by category.
// Sub-paths: /audits (tabs, state in the query string) and /audits/engagements/:id (one engagement).
import { Route, Routes, useSearchParams } from 'react-router';
import { Result, Tabs } from 'antd';
import { EngagementDetail } from './EngagementDetail';
import { EngagementList } from './EngagementList';
import { ProgressView } from './ProgressView';
import { SummaryView } from './SummaryView';

export default function AuditsPage() {
  return (
    <Routes>
      <Route index element={<AuditsHome />} />
      <Route path="engagements/:id" element={<EngagementDetail />} />
      <Route path="*" element={<Result status="404" title="页面不存在" />} />
    </Routes>
  );
}

function AuditsHome() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'engagements';
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => {
        // Keep the election chosen across tabs; paging and filters belong to the list.
        const next = new URLSearchParams();
        next.set('tab', key);
        const e = params.get('electionId');
        if (e) next.set('electionId', e);
        setParams(next);
      }}
      items={[
        { key: 'engagements', label: <span data-testid="audits-tab-engagements">审计项目</span>, children: tab === 'engagements' ? <EngagementList /> : null },
        { key: 'progress', label: <span data-testid="audits-tab-progress">换届审计进度</span>, children: tab === 'progress' ? <ProgressView /> : null },
        { key: 'summary', label: <span data-testid="audits-tab-summary">问题金额汇总</span>, children: tab === 'summary' ? <SummaryView /> : null },
      ]}
    />
  );
}
