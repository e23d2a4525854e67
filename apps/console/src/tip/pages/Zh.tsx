// Ant Design in Chinese for the public pages that use it (loaded with them, not on the first screen).
import type { ReactNode } from 'react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';

export function Zh({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 8 } }}>
      <App>{children}</App>
    </ConfigProvider>
  );
}

export interface Place {
  code: string;
  name: string;
  level: string;
}
