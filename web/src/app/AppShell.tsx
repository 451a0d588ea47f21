import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { menuGroups, pageRoutes } from './routes';

/** The menu entry to highlight: the page itself, or the list a detail page belongs to (/orders/12 → /orders). */
function menuKeyFor(pathname: string, menuPaths: string[]): string {
  const matches = menuPaths.filter((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? pathname;
}

type MenuItem = { key: string; label: string; icon?: React.ReactNode; children?: MenuItem[] };

export function AppShell() {
  const { user, can, signOut } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const visible = pageRoutes.filter((r) => r.permission === null || can(r.permission));

  const items = useMemo(() => {
    const top: MenuItem[] = [];
    const groups = new Map<string, MenuItem>();
    for (const r of visible) {
      if (!r.menu) continue;
      const item: MenuItem = { key: r.path, label: t.menu[r.menu.label], icon: r.menu.icon };
      if (!r.menu.group) {
        top.push(item);
        continue;
      }
      let group = groups.get(r.menu.group);
      if (!group) {
        const def = menuGroups.find((g) => g.key === r.menu?.group);
        group = { key: `group:${r.menu.group}`, label: t.menu[r.menu.group], icon: def?.icon, children: [] };
        groups.set(r.menu.group, group);
        top.push(group);
      }
      group.children!.push(item);
    }
    return top;
  }, [visible, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsible>
        <div style={{ padding: 16, fontWeight: 600, fontSize: 16 }}>ShopFlow</div>
        <Menu
          mode="inline"
          selectedKeys={[menuKeyFor(location.pathname, visible.filter((r) => r.menu).map((r) => r.path))]}
          defaultOpenKeys={menuGroups.map((g) => `group:${g.key}`)}
          items={items}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}>
          <Space>
            <Typography.Text data-testid="current-user">{user?.displayName}</Typography.Text>
            {user?.roles.map((r) => (
              <Tag key={r}>{t.roles[r]}</Tag>
            ))}
            <Button type="link" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>
              {t.shell.language}
            </Button>
            <Button onClick={() => void signOut()}>{t.shell.logout}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin />}>
            <Routes>
              {visible.map((r) => (
                <Route key={r.path} path={r.path} element={<r.page />} />
              ))}
              <Route path="*" element={<Result status="404" title={t.common.noPermission} />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
