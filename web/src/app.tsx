// The application root: providers (services → router → i18n → session) and the route table.
// `fetchImpl` and `initialLocale` exist for tests; the browser build passes neither.
import type { ComponentType } from 'react';
import type { Locale } from './api/types';
import { Layout } from './components/layout';
import { I18nProvider } from './i18n/i18n_context';
import { DemoOutboxPage } from './pages/demo_outbox_page';
import { ForgotPasswordPage } from './pages/forgot_password_page';
import { HomePage } from './pages/home_page';
import { LoginPage } from './pages/login_page';
import { NotFoundPage } from './pages/not_found_page';
import { ResetPasswordPage } from './pages/reset_password_page';
import { SignupPage } from './pages/signup_page';
import { StaffAdminPage } from './pages/staff_admin_page';
import { StaffHomePage } from './pages/staff_home_page';
import { StaffLoginPage } from './pages/staff_login_page';
import { VerifyEmailPage } from './pages/verify_email_page';
import { RouterProvider, useRouter } from './router/router';
import { ServicesProvider } from './session/services';
import { SessionProvider } from './session/session_context';

export const kRoutes: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
  '/signup': SignupPage,
  '/verify-email': VerifyEmailPage,
  '/login': LoginPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
  '/staff/login': StaffLoginPage,
  '/staff': StaffHomePage,
  '/staff/admin': StaffAdminPage,
  '/demo/outbox': DemoOutboxPage,
};

function CurrentPage() {
  const { location } = useRouter();
  const Page = kRoutes[location.pathname] ?? NotFoundPage;
  // key: a fresh page (fresh form state) on every navigation, even to the same path.
  return <Page key={location.key} />;
}

export function App({ fetchImpl, initialLocale }: { fetchImpl?: typeof fetch; initialLocale?: Locale }) {
  return (
    <ServicesProvider {...(fetchImpl !== undefined ? { fetchImpl } : {})}>
      <RouterProvider>
        <I18nProvider {...(initialLocale !== undefined ? { initialLocale } : {})}>
          <SessionProvider>
            <Layout>
              <CurrentPage />
            </Layout>
          </SessionProvider>
        </I18nProvider>
      </RouterProvider>
    </ServicesProvider>
  );
}
