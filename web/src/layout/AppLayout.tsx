// The frame of every page: the platform's name, the menu of the user's areas, language, and who is signed in; for
// a signed-in user, the badges of what waits and what is unread, live (./TodoCounts.tsx).
import { Suspense } from 'react';
import { Badge, Button, Dropdown, Flex, Layout, Menu, Space, Typography } from 'antd';
import { BellOutlined, DashboardOutlined, LogoutOutlined, UserOutlined, LoginOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { Loading } from '../components/PageState';
import { useI18n, type MessageKey } from '../i18n';
import { HeaderBadges } from './HeaderBadges';
import { LocaleSwitch } from './LocaleSwitch';
import { menuFor } from './menu';
import { TodoCountsProvider, useTodoCounts } from './TodoCounts';
import { useMenuCounts } from './useMenuCounts';

const { Header, Sider, Content, Footer } = Layout;

/** The menu entry that best matches the current path (the longest prefix). */
function selectedKey(pathname: string, paths: string[]): string[] {
  const hit = paths.filter((p) => pathname === p || pathname.startsWith(p + '/')).sort((a, b) => b.length - a.length)[0];
  return hit ? [hit] : [];
}

export function AppLayout() {
  const { user } = useAuth();
  return (
    <TodoCountsProvider userId={user?.id}>
      <Frame />
    </TodoCountsProvider>
  );
}

function Frame() {
  const { user, areas, signOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = menuFor(areas);
  // the menu's badges are read again when what waits changes (the stream), as on every page change
  const counts = useMenuCounts(Boolean(user), useTodoCounts()?.todo);
  const work = entries.filter((e) => e.group === 'work');
  const pub = entries.filter((e) => e.group === 'public');
  const toItem = (e: (typeof entries)[number]) => {
    const n = e.count ? counts[e.count] : undefined;
    return {
      key: e.path,
      icon: e.icon,
      label: (
        <Link to={e.path}>
          {t(e.label)}
          {n ? (
            <span className="zy-menu-count" data-testid={`menu-count-${e.count}`} data-count={n} aria-label={t('nav.waiting', { n })}>
              <Badge count={n} overflowCount={999} size="small" offset={[6, -2]} title={t('nav.waiting', { n })} />
            </span>
          ) : null}
        </Link>
      ),
    };
  };
  const items = [
    ...(work.length ? [{ type: 'group' as const, key: 'work', label: t('nav.groupWork'), children: work.map(toItem) }] : []),
    { type: 'group' as const, key: 'public', label: t('nav.groupPublic'), children: pub.map(toItem) },
  ];

  return (
    <Layout className="zy-app">
      <Header className="zy-header">
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Link to="/" className="zy-brand">
            <span className="zy-brand-mark" aria-hidden="true">政云</span>
            <span className="zy-brand-name">{t('app.name')}</span>
          </Link>
          <Space size="middle">
            {/* the migration board is a full-screen page of its own (wall displays), open to everyone */}
            <Link to="/board" className="zy-header-link" data-testid="board-link">
              <DashboardOutlined /> {t('nav.board')}
            </Link>
            {user && <HeaderBadges />}
            <LocaleSwitch />
            {user ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'org', label: user.orgName, disabled: true },
                    { key: 'role', label: t(`role.${user.role}` as MessageKey), disabled: true },
                    { type: 'divider' },
                    { key: 'notifications', icon: <BellOutlined />, label: <Link to="/me/notifications" data-testid="user-menu-notifications">{t('nav.notificationSettings')}</Link> },
                    { key: 'signout', icon: <LogoutOutlined />, label: t('auth.signOut'), onClick: () => void signOut() },
                  ],
                }}
              >
                <Button type="text" icon={<UserOutlined />} className="zy-user" data-testid="current-user">
                  {user.displayName}
                </Button>
              </Dropdown>
            ) : (
              <Button icon={<LoginOutlined />} onClick={() => navigate('/signin', { state: { from: location.pathname } })}>
                {t('auth.signIn')}
              </Button>
            )}
          </Space>
        </Flex>
      </Header>
      <Layout>
        <Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} className="zy-sider">
          <nav aria-label={t('nav.label')}>
            <Menu mode="inline" selectedKeys={selectedKey(location.pathname, entries.map((e) => e.path))} items={items} data-testid="main-menu" />
          </nav>
        </Sider>
        <Layout>
          <Content className="zy-content">
            <main>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </main>
          </Content>
          <Footer className="zy-footer">
            <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
