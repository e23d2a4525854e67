// Placeholder until this page is built.
import { Result } from 'antd';

export default function AuditsPage() {
  return <Result status="info" title="离任审计" subTitle="建设中" />;
}
