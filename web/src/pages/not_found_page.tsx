// Any path the router doesn't know.
import { AuthCard } from '../components/auth_card';
import { usePageTitle } from '../components/page_title';
import { useI18n } from '../i18n/i18n_context';
import { Link } from '../router/router';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <AuthCard title={t('notFound.title')} lead={t('notFound.body')}>
      <p>
        <Link to="/" className="button button--primary">
          {t('common.backHome')}
        </Link>
      </p>
    </AuthCard>
  );
}
