// The page frame: skip link, header with brand + language switcher + nav, main, footer.
// After each client-side navigation focus moves to the new page's heading, so screen-reader and
// keyboard users start at the top of the new content, as after a full page load. Back-office work
// pages (review, supervisor, webhooks) get the full laptop width for side-by-side layouts.
import { useEffect, useRef, type ReactNode } from 'react';
import type { StaffRole } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import { Link, useRouter } from '../router/router';
import { useSession } from '../session/session_context';
import { LanguageSwitcher } from './language_switcher';

export const kPageHeadingId = 'page-heading';

const kWidePrefixes = ['/staff/review', '/staff/supervisor', '/staff/webhooks'];

export function isWidePage(pathname: string): boolean {
  return kWidePrefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 id={kPageHeadingId} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

function Nav() {
  const { t } = useI18n();
  const { status, me } = useSession();
  const { location } = useRouter();
  const current = (path: string) => (location.pathname === path ? 'page' : undefined);
  let links: Array<[string, string]>;
  if (status === 'loading') links = [];
  else if (me?.kind === 'staff') {
    // The pages each role works in every day; the staff home lists the rest.
    const has = (role: StaffRole) => me.roles.includes(role);
    links = [['/staff', t('nav.staffHome')]];
    if (has('reviewer') || has('supervisor')) links.push(['/staff/review', t('nav.reviewQueue')]);
    if (has('supervisor')) links.push(['/staff/supervisor', t('nav.dashboard')]);
    if (has('admin')) links.push(['/staff/admin', t('nav.staffAccounts')]);
  }
  else if (me?.kind === 'subscriber') links = [['/', t('nav.account')]];
  else if (location.pathname.startsWith('/staff')) links = [['/staff/login', t('nav.staffSignIn')]];
  else
    links = [
      ['/login', t('nav.signIn')],
      ['/signup', t('nav.signUp')],
    ];
  return (
    <nav className="site-nav" aria-label={t('nav.main')}>
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to} aria-current={current(to)}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const firstRender = useRef(true);
  // Staff are told what the back office records about them, not the subscribers' promise.
  const staffArea = location.pathname.startsWith('/staff');

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(kPageHeadingId)?.focus();
  }, [location.key]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <LanguageSwitcher />
        </div>
        <div className="site-header__nav">
          <Nav />
        </div>
      </header>
      <main id="main" className={isWidePage(location.pathname) ? 'site-main site-main--wide' : 'site-main'} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        {staffArea ? (
          <p>
            <span className="site-footer__lock" aria-hidden="true" />
            {t('footer.staffAudit')}
          </p>
        ) : (
          <>
            <p>
              <span className="site-footer__lock" aria-hidden="true" />
              {t('footer.privacy')}
            </p>
            <p>
              <Link to="/staff/login">{t('nav.staffSignIn')}</Link>
            </p>
          </>
        )}
      </footer>
    </div>
  );
}
