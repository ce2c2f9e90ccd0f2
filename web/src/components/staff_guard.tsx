// Renders its children only for a signed-in staff member (optionally holding a role, or any of
// several roles); otherwise the staff sign-in page or a translated "no access" message.
import type { ReactNode } from 'react';
import type { StaffMe, StaffRole } from '../api/types';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { Redirect } from '../router/router';
import { useSession } from '../session/session_context';
import { Loading } from './auth_card';
import { PageHeading } from './layout';
import { Link } from '../router/router';

export function hasAnyRole(me: Pick<StaffMe, 'roles'>, roles: StaffRole | readonly StaffRole[]): boolean {
  const wanted: readonly StaffRole[] = typeof roles === 'string' ? [roles] : roles;
  return wanted.some((r) => me.roles.includes(r));
}

export function StaffGuard({
  role,
  forbiddenKey = 'admin.forbidden',
  children,
}: {
  role?: StaffRole | readonly StaffRole[];
  /** What the "no access" page says; the admin wording by default. */
  forbiddenKey?: MessageKey;
  children: (me: StaffMe) => ReactNode;
}) {
  const { t } = useI18n();
  const { status, me } = useSession();
  if (status === 'loading') return <Loading />;
  if (me === null || me.kind !== 'staff') return <Redirect to="/staff/login" />;
  if (role !== undefined && !hasAnyRole(me, role)) {
    return (
      <section className="card card--narrow" aria-labelledby="page-heading">
        <PageHeading>{t('problem.auth.forbidden')}</PageHeading>
        <p>{t(forbiddenKey)}</p>
        <p>
          <Link to="/staff">{t('nav.staffHome')}</Link>
        </p>
      </section>
    );
  }
  return <>{children(me)}</>;
}
