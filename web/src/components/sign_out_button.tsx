// Sign-out with its own error slot: if the request fails the person stays signed in and is told.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { useSession } from '../session/session_context';
import { FormAlert } from './alerts';
import { Button } from './submit_button';

export function SignOutButton({ variant = 'secondary' }: { variant?: 'secondary' | 'primary' }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <div className="sign-out">
      <FormAlert error={error} />
      <Button variant={variant} busy={busy} onClick={onClick}>
        {t('nav.signOut')}
      </Button>
    </div>
  );
}
