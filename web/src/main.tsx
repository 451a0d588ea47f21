import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AppShell } from './app/AppShell';
import { AuthProvider, useAuth } from './app/auth';
import { I18nProvider, useI18n } from './app/i18n';
import { LoadError } from './app/LoadError';
import LoginPage from './pages/LoginPage';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });

function Root() {
  const { user, loading, sessionError } = useAuth();
  if (loading) return <Spin fullscreen />;
  if (sessionError)
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <LoadError query={sessionError} />
      </div>
    );
  return user ? <AppShell /> : <LoginPage />;
}

function Localised() {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Root />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
