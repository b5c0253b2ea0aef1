// Guards an area: not signed in → the sign-in page (and back afterwards); signed in with another role → 403.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import type { Role } from '../api/session';
import { useI18n } from '../i18n';
import { useAuth, type SignInState } from './AuthContext';

export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (!user) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search } satisfies SignInState} />;
  if (roles && !roles.includes(user.role)) return <Result status="403" title="403" subTitle={t('common.forbiddenPage')} />;
  return <>{children}</>;
}
