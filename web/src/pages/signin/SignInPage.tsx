// Sign-in: a plain, accessible form (labels, keyboard, Enter submits). Wrong password, the wait after repeated
// failures (429, "please try again in N seconds") and an ended session are shown with the server's own message.
// When the server has single sign-on configured (GET /api/auth/providers), 「统一身份认证登录」 comes first: a plain
// link, the browser goes to the identity platform and comes back to /signin/sso (./SsoCompletePage.tsx).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import * as authApi from '../../api/auth';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, type SignInState } from '../../auth/AuthContext';
import { errorMessage } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { LocaleSwitch } from '../../layout/LocaleSwitch';

interface Values {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t, locale } = useI18n();
  const [sso, setSso] = useState<{ name: string; start: string } | null>(null);
  useEffect(() => {
    let live = true;
    authApi.providers().then((p) => live && setSso(p.oidc), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const { signIn, endedBecause } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as SignInState;
  const reason = state.reason ?? endedBecause;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(values.username.trim(), values.password);
      const from = state.from && !state.from.startsWith('/signin') ? state.from : undefined;
      navigate(from ?? session.home, { replace: true });
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="zy-signin">
      <Card className="zy-signin-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('auth.title')}
          </Typography.Title>
          <LocaleSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('app.name')}</Typography.Paragraph>
        {reason && !error && <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} data-testid="signin-reason" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="signin-error" />}
        {sso && (
          <>
            <Button type="primary" block size="large" icon={<SafetyCertificateOutlined />} href={sso.start} data-testid="signin-sso">
              {locale === 'en' ? t('auth.sso') : sso.name}
            </Button>
            <Divider plain>{t('auth.ssoOr')}</Divider>
          </>
        )}
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} aria-label={t('auth.title')}>
          <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type={sso ? 'default' : 'primary'} htmlType="submit" block size="large" loading={busy}>
            {t('auth.signIn')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to="/catalog">{t('auth.browsePublic')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
