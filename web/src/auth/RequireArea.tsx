// Guards an area: not signed in → the sign-in page (and back afterwards); signed in without the area → 403.
// Which areas a user may open is the server's decision (login and GET /api/auth/me answer them).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import type { ConsoleArea } from '../api/session';
import { useI18n } from '../i18n';
import { useAuth, type SignInState } from './AuthContext';

/** `areas`: any one of them opens the page; none given: any signed-in user. */
export function RequireArea({ areas, children }: { areas?: ConsoleArea[]; children: ReactNode }) {
  const { user, mayOpen } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (!user) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search } satisfies SignInState} />;
  if (areas && !mayOpen(...areas)) return <Result status="403" title="403" subTitle={t('common.forbiddenPage')} />;
  return <>{children}</>;
}
