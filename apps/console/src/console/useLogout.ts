// The logout button's action: on a shared device, dossier sections typed but not yet saved to the
// server would be lost (logout clears them, see device-drafts.ts), so the user is asked first.
import { App, type ButtonProps } from 'antd';
import { useAuth } from './auth';
import { unsentDossierDrafts } from './device-drafts';

export function useLogout(): () => void {
  const { logout } = useAuth();
  const { modal } = App.useApp();
  return () => {
    const unsent = unsentDossierDrafts().length;
    if (unsent === 0) {
      void logout();
      return;
    }
    modal.confirm({
      title: '退出登录',
      content: `有${unsent}项档案内容尚未保存到服务器，退出将丢失，确定退出吗？`,
      okText: '退出',
      okType: 'danger',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'logout-confirm' } as ButtonProps,
      cancelButtonProps: { 'data-testid': 'logout-cancel' } as ButtonProps,
      onOk: () => logout(),
    });
  };
}
