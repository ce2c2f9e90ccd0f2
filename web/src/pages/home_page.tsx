// "/": the landing page when signed out, the subscriber's account page when signed in, and a
// redirect to /staff for staff.
import { Loading } from '../components/auth_card';
import { PageHeading } from '../components/layout';
import { usePageTitle } from '../components/page_title';
import { useI18n } from '../i18n/i18n_context';
import { Link, Redirect } from '../router/router';
import { useSession } from '../session/session_context';
import { AccountPage } from './account_page';

function Landing() {
  const { t } = useI18n();
  usePageTitle(t('app.tagline'));
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="page-heading">
        <PageHeading>{t('landing.title')}</PageHeading>
        <p className="lead">{t('landing.lead')}</p>
        <div className="hero__actions">
          <Link to="/signup" className="button button--primary">
            {t('landing.signUp')}
          </Link>
          <Link to="/login" className="button button--secondary">
            {t('landing.signIn')}
          </Link>
        </div>
      </section>
      <section className="card" aria-labelledby="steps-title">
        <h2 id="steps-title">{t('landing.stepsTitle')}</h2>
        <ol className="steps">
          <li>{t('landing.step1')}</li>
          <li>{t('landing.step2')}</li>
          <li>{t('landing.step3')}</li>
        </ol>
      </section>
      <section className="card card--quiet" aria-labelledby="privacy-title">
        <h2 id="privacy-title">
          <span className="shield" aria-hidden="true" />
          {t('landing.privacyTitle')}
        </h2>
        <p>{t('landing.privacy')}</p>
      </section>
    </div>
  );
}

export function HomePage() {
  const { status, me } = useSession();
  if (status === 'loading') return <Loading />;
  if (me?.kind === 'staff') return <Redirect to="/staff" />;
  if (me?.kind === 'subscriber') return <AccountPage me={me} />;
  return <Landing />;
}
