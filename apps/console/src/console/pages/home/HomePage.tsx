// Placeholder until this page is built.
import { Result } from 'antd';

export default function HomePage() {
  return <Result status="info" title="工作台" subTitle="建设中" />;
}
