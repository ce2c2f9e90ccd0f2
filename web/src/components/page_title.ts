// Keeps document.title in step with the page heading and language ("Sign in · SIM Registration").
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n_context';

export function usePageTitle(title: string) {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
}
