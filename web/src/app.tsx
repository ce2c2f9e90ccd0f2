// The application root: providers (services → router → i18n → session) and the route table.
// `fetchImpl` and `initialLocale` exist for tests; the browser build passes neither.
import type { ComponentType } from 'react';
import type { Locale } from './api/types';
import { Layout } from './components/layout';
import { I18nProvider } from './i18n/i18n_context';
import { ApplicationStatusPage } from './pages/application_status_page';
import { DemoOutboxPage } from './pages/demo_outbox_page';
import { ForgotPasswordPage } from './pages/forgot_password_page';
import { HomePage } from './pages/home_page';
import { LinkLinePage } from './pages/link_line_page';
import { LoginPage } from './pages/login_page';
import { NotFoundPage } from './pages/not_found_page';
import { RegistrationWizardPage } from './pages/registration_wizard_page';
import { ResetPasswordPage } from './pages/reset_password_page';
import { ReviewCasePage } from './pages/review_case_page';
import { ReviewQueuePage } from './pages/review_queue_page';
import { SampleReviewPage } from './pages/sample_review_page';
import { SignupPage } from './pages/signup_page';
import { StaffAdminPage } from './pages/staff_admin_page';
import { StaffHomePage } from './pages/staff_home_page';
import { StaffLoginPage } from './pages/staff_login_page';
import { StartRegistrationPage } from './pages/start_registration_page';
import { SupervisorDashboardPage } from './pages/supervisor_dashboard_page';
import { VerifyEmailPage } from './pages/verify_email_page';
import { WebhooksAdminPage } from './pages/webhooks_admin_page';
import { RouteParamsProvider, RouterProvider, matchPath, useRouter } from './router/router';
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
  '/staff/review': ReviewQueuePage,
  '/staff/review/samples': SampleReviewPage,
  '/staff/supervisor': SupervisorDashboardPage,
  '/staff/webhooks': WebhooksAdminPage,
  '/demo/outbox': DemoOutboxPage,
  '/lines/link': LinkLinePage,
  '/register': StartRegistrationPage,
};

export interface ParamRoute {
  pattern: string;
  page: ComponentType;
  /** Paths with the same keep-key share one mounted page (the wizard keeps its loaded draft). */
  keep?: (params: Record<string, string>) => string;
}

export const kParamRoutes: readonly ParamRoute[] = [
  { pattern: '/applications/:id', page: ApplicationStatusPage },
  { pattern: '/applications/:id/:step', page: RegistrationWizardPage, keep: (p) => `wizard:${p.id}` },
  { pattern: '/staff/review/cases/:id', page: ReviewCasePage },
];

function resolveRoute(pathname: string): { Page: ComponentType; params: Record<string, string>; keep: string | null } {
  const exact = kRoutes[pathname];
  if (exact !== undefined) return { Page: exact, params: {}, keep: null };
  for (const route of kParamRoutes) {
    const params = matchPath(route.pattern, pathname);
    if (params !== null) return { Page: route.page, params, keep: route.keep?.(params) ?? null };
  }
  return { Page: NotFoundPage, params: {}, keep: null };
}

function CurrentPage() {
  const { location } = useRouter();
  const { Page, params, keep } = resolveRoute(location.pathname);
  // key: a fresh page (fresh form state) on every navigation, even to the same path, except
  // within one keep-group.
  return (
    <RouteParamsProvider params={params}>
      <Page key={keep ?? location.key} />
    </RouteParamsProvider>
  );
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
