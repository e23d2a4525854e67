// 检查工作 (回头看 / 届中分析 / 研判): campaigns, their plan and work groups, the per-village dossiers,
// the board and the report. Sub-paths: /campaigns, /campaigns/:campaignId (tabs in the query
// string) and /campaigns/:campaignId/dossiers/:subjectCode (one dossier, the work group's form).
import { Route, Routes } from 'react-router';
import { Result } from 'antd';
import { CampaignDetailPage } from './CampaignDetailPage';
import { CampaignList } from './CampaignList';
import { DossierPage } from './DossierPage';

export default function CampaignsPage() {
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path=":campaignId" element={<CampaignDetailPage />} />
      <Route path=":campaignId/dossiers/:subjectCode" element={<DossierPage />} />
      <Route path="*" element={<Result status="404" title="页面不存在" />} />
    </Routes>
  );
}
