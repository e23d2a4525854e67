// Placeholder until this page is built.
import { Result } from 'antd';

export default function TipsPage() {
  return <Result status="info" title="举报受理" subTitle="建设中" />;
}
