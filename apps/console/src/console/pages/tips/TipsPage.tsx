// 举报受理: the inbox (server-paginated, filtered), statistics with charts, and one tip's detail
// with its limits, timeline and the handling steps the API offers.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin, Tabs } from 'antd';
import { TipInbox } from './TipInbox';

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
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'inbox', label: '收件箱', children: <TipInbox /> },
        {
          key: 'stats',
          label: <span data-testid="tips-tab-stats">统计分析</span>,
          children: (
            <Suspense fallback={<Spin />}>
              <TipStats />
            </Suspense>
          ),
        },
      ]}
    />
  );
}
