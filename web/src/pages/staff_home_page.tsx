// /staff: who is signed in, their roles and store, links to the tools of their roles (review queue
// and second review for reviewers and supervisors, the dashboard for supervisors, webhooks and staff
// accounts for admins), password change, sign out.
import { useState } from 'react';
import { StatusNote } from '../components/alerts';
import { PageHeading } from '../components/layout';
import { SignOutButton } from '../components/sign_out_button';
import { hasAnyRole, StaffGuard } from '../components/staff_guard';
import { StaffPasswordForm } from '../components/staff_password_form';
import { usePageTitle } from '../components/page_title';
import type { StaffMe } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import { Link } from '../router/router';
import { useSession } from '../session/session_context';

function StaffHome({ me }: { me: StaffMe }) {
  const { t } = useI18n();
  const session = useSession();
  const [changed, setChanged] = useState(0);
  usePageTitle(t('staffHome.title'));
  const reviews = hasAnyRole(me, ['reviewer', 'supervisor']);
  const tools: Array<[string, string]> = [
    ...(reviews ? ([['/staff/review', t('staffHome.reviewQueue')]] as Array<[string, string]>) : []),
    ...(reviews ? ([['/staff/review/samples', t('staffHome.samples')]] as Array<[string, string]>) : []),
    ...(hasAnyRole(me, 'supervisor') ? ([['/staff/supervisor', t('staffHome.supervisor')]] as Array<[string, string]>) : []),
    ...(hasAnyRole(me, 'admin') ? ([['/staff/webhooks', t('staffHome.webhooks')]] as Array<[string, string]>) : []),
    ...(hasAnyRole(me, 'admin') ? ([['/staff/admin', t('staffHome.admin')]] as Array<[string, string]>) : []),
  ];
  return (
    <div className="stack">
      <section className="card" aria-labelledby="page-heading">
        <PageHeading>{t('staffHome.title')}</PageHeading>
        <dl className="facts">
          <div>
            <dt>{t('staffHome.signedInAs')}</dt>
            <dd className="facts__email" data-testid="staff-email">
              {me.email}
            </dd>
          </div>
          <div>
            <dt>{t('staffHome.roles')}</dt>
            <dd>
              <ul className="chips">
                {me.roles.map((role) => (
                  <li key={role} className="chip">
                    {t(`role.${role}`)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t('staffHome.store')}</dt>
            <dd>{me.store_id ?? t('staffHome.noStore')}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="tools-title">
        <h2 id="tools-title">{t('staffHome.toolsTitle')}</h2>
        {tools.length > 0 ? (
          <ul className="tool-list" data-testid="staff-tools">
            {tools.map(([to, label]) => (
              <li key={to}>
                <Link to={to} className="button button--primary">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('staffHome.noTools')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="staff-password-title">
        <h2 id="staff-password-title">{t('staffPassword.title')}</h2>
        <StatusNote>{changed > 0 ? t('staffPassword.done') : null}</StatusNote>
        <StaffPasswordForm
          key={changed}
          formId="staff-password"
          email={me.email}
          currentLabel={t('staffPassword.current')}
          currentFirst
          totpHint={t('staffLogin.totpHint')}
          submitLabel={t('staffPassword.submit')}
          onDone={(account) => {
            session.signedIn(account);
            setChanged((n) => n + 1);
          }}
        />
      </section>
      <section className="card" aria-labelledby="staff-signout-title">
        <h2 id="staff-signout-title">{t('account.signOutTitle')}</h2>
        <SignOutButton />
      </section>
    </div>
  );
}

export function StaffHomePage() {
  return <StaffGuard>{(me) => <StaffHome me={me} />}</StaffGuard>;
}
