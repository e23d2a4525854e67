// Placeholder until this page is built.
import { Result } from 'antd';

export default function ReportsPage() {
  return <Result status="info" title="报告草稿" subTitle="建设中" />;
}
