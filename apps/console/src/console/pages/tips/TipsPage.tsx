// 举报受理: the inbox (server-paginated, filtered), statistics with charts, and one tip's detail
// with its limits, timeline and the handling steps the API offers.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Alert, Spin, Tabs } from 'antd';
import { TipInbox } from './TipInbox';
import { useTipAccess } from './useTipAccess';

const TipDetail = lazy(() => import('./TipDetail'));
const TipStats = lazy(() => import('./TipStats'));

export default function TipsPage() {
  return (
    <Suspense fallback={<Spin />}>
      <Routes>
        <Route index element={<TipsHome />} />
        <Route path=":id" element={<TipDetail />} />
      </Routes>
    </Suspense>
  );
}

function TipsHome() {
  const access = useTipAccess();
  if (!access) return <Spin />;
  const stats = {
    key: 'stats',
    label: <span data-testid="tips-tab-stats">统计分析</span>,
    children: (
      <Suspense fallback={<Spin />}>
        <TipStats />
      </Suspense>
    ),
  };
  // A role that sees figures only (the access policy's word) gets no inbox to be refused.
  if (access.list === 'none') {
    return (
      <>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="按举报知悉范围规定，您的角色只能查看举报统计数据，不能查看举报列表和内容。" data-testid="tips-statistics-only" />
        <Tabs destroyOnHidden items={[stats]} />
      </>
    );
  }
  return (
    <Tabs
      destroyOnHidden
      items={[
        {
          key: 'inbox',
          label: '收件箱',
          children: (
            <>
              {access.list === 'own_unit' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="仅显示交由本单位承办的举报。" data-testid="tips-own-unit" />}
              <TipInbox />
            </>
          ),
        },
        stats,
      ]}
    />
  );
}
