// Where single sign-on comes back (/signin/sso#ticket=…): the ticket is taken out of the address at once, exchanged
// for a session (POST /api/auth/oidc/complete, with the cookie the start left in this browser) and the user lands
// on their home page; a refusal is shown with the server's message and the way back to the sign-in page.
import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Spin, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { errorMessage } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

export function SsoCompletePage() {
  const { t } = useI18n();
  const { completeSso } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // the ticket is good once: a second run of the effect (React's strict mode) must not spend it again
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get('ticket');
    window.history.replaceState(null, '', window.location.pathname);
    if (!ticket) {
      setError(t('auth.ssoNoTicket'));
      return;
    }
    completeSso(ticket).then(
      (session) => navigate(session.home, { replace: true }),
      (err: unknown) => setError(errorMessage(err, t('common.unexpectedError'))),
    );
  }, [completeSso, navigate, t]);

  return (
    <div className="zy-signin">
      <Card className="zy-signin-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auth.sso')}
        </Typography.Title>
        {error ? (
          <>
            <Alert type="error" showIcon title={error} role="alert" data-testid="sso-error" style={{ marginBottom: 16 }} />
            <Link to="/signin">{t('auth.ssoBack')}</Link>
          </>
        ) : (
          <Spin tip={t('auth.ssoCompleting')}>
            <div style={{ minHeight: 80 }} />
          </Spin>
        )}
      </Card>
    </div>
  );
}
