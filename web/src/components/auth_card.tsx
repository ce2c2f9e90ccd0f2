// The narrow single-column frame shared by sign-up, sign-in and the other one-task pages,
// and the loading note shown while the session is being looked up.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { PageHeading } from './layout';

export function AuthCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="card card--narrow" aria-labelledby="page-heading">
      <PageHeading>{title}</PageHeading>
      {lead !== undefined ? <p className="lead">{lead}</p> : null}
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
