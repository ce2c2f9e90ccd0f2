// What a page shows when the data it needs could not be loaded: the translated problem (with the
// request id) and a way to try again without reloading the page.
import { useI18n } from '../i18n/i18n_context';
import { FormAlert } from './alerts';
import { Button } from './submit_button';

export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="load-error">
      <FormAlert error={error} />
      <Button variant="secondary" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}
