// The top card of a back-office work page: the way back to the staff home, the page heading (with
// the page's main action beside it, when it has one) and the lead sentence. What follows (notes,
// alerts, tables) is the page's own.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { Link } from '../router/router';
import { kPageHeadingId, PageHeading } from './layout';

export function StaffPageCard({ title, lead, action, children }: { title: string; lead: string; action?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby={kPageHeadingId}>
      <p className="breadcrumb">
        <Link to="/staff">{t('nav.staffHome')}</Link>
      </p>
      {action !== undefined ? (
        <div className="page-head">
          <PageHeading>{title}</PageHeading>
          {action}
        </div>
      ) : (
        <PageHeading>{title}</PageHeading>
      )}
      <p className="lead">{lead}</p>
      {children}
    </section>
  );
}
