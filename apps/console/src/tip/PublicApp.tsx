// The public tip page: report, check progress with the receipt code, candidates under notice.
import { lazy, Suspense, useState } from 'react';
import { useHashRoute, type ObjectionDraft, type TipRoute } from './route';

const ReportPage = lazy(() => import('./pages/ReportPage'));
const StatusPage = lazy(() => import('./pages/StatusPage'));
const NoticesPage = lazy(() => import('./pages/NoticesPage'));

const TITLES: Record<TipRoute, string> = { '/': '监督举报', '/report': '我要举报', '/status': '查询办理进度', '/notices': '候选人公示' };

export function PublicApp() {
  const [route, go] = useHashRoute();
  const [objection, setObjection] = useState<ObjectionDraft | null>(null);
  return (
    <>
      <header className="tip-header">
        {route !== '/' && (
          <button type="button" onClick={() => go('/')} aria-label="返回首页" data-testid="tip-home">
            ‹ 首页
          </button>
        )}
        <h1>{TITLES[route]}</h1>
      </header>
      <main className="tip-main">
        <Suspense fallback={<div className="tip-loading">加载中…</div>}>
          {route === '/' && <Home go={go} onReport={() => setObjection(null)} />}
          {route === '/report' && <ReportPage objection={objection} onStatus={() => go('/status')} onHome={() => go('/')} />}
          {route === '/status' && <StatusPage />}
          {route === '/notices' && (
            <NoticesPage
              onObject={(d) => {
                setObjection(d);
                go('/report');
              }}
            />
          )}
        </Suspense>
      </main>
    </>
  );
}

function Home({ go, onReport }: { go: (to: TipRoute) => void; onReport: () => void }) {
  return (
    <>
      <p style={{ margin: '8px 4px 16px', color: '#595959' }}>
        村（社区）“两委”成员违纪违规、换届选举中的拉票贿选等问题，均可在此实名或匿名举报。
      </p>
      <button
        type="button"
        className="tip-card"
        data-testid="tip-nav-report"
        onClick={() => {
          onReport();
          go('/report');
        }}
      >
        <strong>我要举报</strong>
        <span>填写举报内容，可上传证据材料；提交后获得查询码</span>
      </button>
      <button type="button" className="tip-card" data-testid="tip-nav-status" onClick={() => go('/status')}>
        <strong>查询办理进度</strong>
        <span>凭查询码查看受理、办理情况和答复，补充材料或回复</span>
      </button>
      <button type="button" className="tip-card" data-testid="tip-nav-notices" onClick={() => go('/notices')}>
        <strong>候选人公示</strong>
        <span>查看正在公示的村（社区）“两委”候选人，对候选人提出异议</span>
      </button>
      <p className="tip-note">
        举报人的姓名和联系方式加密保存，仅纪检监察机关依规可查看。也可拨打 12388 举报电话。请如实反映问题，捏造事实诬告陷害他人的，将依规依纪依法追究责任。
      </p>
    </>
  );
}
