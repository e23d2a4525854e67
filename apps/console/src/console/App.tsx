import { Suspense, useState } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { App as AntApp, Button, Card, Dropdown, Grid, Layout, Menu, Modal, Result, Space, Spin, Typography } from 'antd';
import { ROLE_LABELS } from '../shared/labels';
import { useAuth, useUser } from './auth';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LoginPage } from './LoginPage';
import { canSee, ROUTES } from './routes';
import { useLogout } from './useLogout';

export function App() {
  const { user, checking } = useAuth();
  if (checking) return <Spin fullscreen description="正在验证登录…" />;
  if (!user) return <LoginPage />;
  if (user.mustChangePassword) return <FirstPasswordPage />;
  return <Shell />;
}

/** A generated or demo password: nothing else until the user has chosen their own. */
function FirstPasswordPage() {
  const logout = useLogout();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card title="首次登录 · 请修改密码" style={{ width: 400 }} extra={<Button type="link" onClick={logout}>退出</Button>}>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}

function Shell() {
  const user = useUser();
  const logout = useLogout();
  const [changing, setChanging] = useState(false);
  // Below 576 px (a phone) the header keeps the name and one menu button, and the content its width.
  const phone = Grid.useBreakpoint().sm === false;
  const who = `${user.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')} · ${user.node}`;
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const visible = ROUTES.filter((r) => canSee(r, user.roles));
  // A village's page belongs under the hierarchy browser it is reached from.
  const path = location.pathname.startsWith('/villages/') ? '/hierarchy' : location.pathname;
  const selected = visible.filter((r) => r.menu && r.path !== '/' && path.startsWith(r.path.replace('/*', ''))).map((r) => r.path);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Collapsed (below lg), its menu button sits in the header's left padding, not over the content. */}
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200} zeroWidthTriggerStyle={{ top: 12 }}>
        <div style={{ padding: 16, fontWeight: 600, fontSize: 16 }}>两委监督系统</div>
        <Menu
          mode="inline"
          selectedKeys={selected.length ? selected : ['/']}
          items={visible.filter((r) => r.menu).map((r) => ({ key: r.path, label: r.menu }))}
          onClick={({ key }) => navigate(key.replace('/*', ''))}
          data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8, paddingInline: phone ? '48px 12px' : 24 }}>
          {phone ? (
            <>
              <Typography.Text ellipsis style={{ minWidth: 0 }} data-testid="current-user">
                {user.displayName}
              </Typography.Text>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'who', label: who, disabled: true },
                    { type: 'divider' },
                    { key: 'password', label: <span data-testid="change-password">修改密码</span> },
                    { key: 'logout', label: <span data-testid="logout">退出</span>, danger: true },
                  ],
                  onClick: ({ key }) => (key === 'password' ? setChanging(true) : key === 'logout' ? logout() : undefined),
                }}
              >
                <Button aria-label="账户菜单" style={{ flex: 'none' }} data-testid="account-menu">
                  ☰
                </Button>
              </Dropdown>
            </>
          ) : (
            <Space>
              <Typography.Text data-testid="current-user">
                {user.displayName}（{who}）
              </Typography.Text>
              <Button onClick={() => setChanging(true)} data-testid="change-password">
                修改密码
              </Button>
              <Button onClick={logout} data-testid="logout">
                退出
              </Button>
            </Space>
          )}
        </Layout.Header>
        <Modal title="修改密码" open={changing} onCancel={() => setChanging(false)} footer={null} destroyOnHidden>
          <ChangePasswordForm
            onDone={() => {
              setChanging(false);
              message.success('密码已修改，其他地方的登录已失效');
            }}
          />
        </Modal>
        <Layout.Content style={{ margin: phone ? 8 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin />}>
            <Routes>
              {visible.map((r) => (
                <Route key={r.path} path={r.path} element={<r.page />} />
              ))}
              <Route path="*" element={<Result status="404" title="页面不存在或无权访问" />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
