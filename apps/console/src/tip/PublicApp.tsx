// Placeholder until the public tip page is built.
import { Result } from 'antd';

export function PublicApp() {
  return <Result status="info" title="举报与查询" subTitle="建设中" />;
}
