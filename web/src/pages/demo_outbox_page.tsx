// /demo/outbox: the messages a demo-mode server "sent" to one recipient (verification codes and
// notices), newest first. The server insists on a recipient (listing everyone's messages would hand
// out every account's codes). A 404 from the API means demo mode is off.
import { useState } from 'react';
import { ApiError } from '../api/problem';
import type { OutboxMessage } from '../api/types';
import { FormAlert } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { PageHeading } from '../components/layout';
import { SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { formatDateTime } from '../i18n/format';
import { isMessageKey, type Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useApi } from '../session/services';
import { collectErrors, validateRequired } from '../validation/validators';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'off' } | { kind: 'ready'; items: OutboxMessage[] };

/** Known delivery states are translated; anything newer is shown as the server sent it. */
function statusLabel(t: Translate, status: string): string {
  const key = `outbox.state.${status}`;
  return isMessageKey(key) ? t(key) : status;
}

export function DemoOutboxPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const form = useForm('outbox', { to: '' });
  const [state, setState] = useState<State>({ kind: 'idle' });
  usePageTitle(t('outbox.title'));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const to = form.values.to.trim();
    if (form.reject(collectErrors({ to: validateRequired(to) }))) return;
    setState({ kind: 'loading' });
    let next: State = { kind: 'idle' };
    await form.submit(async () => {
      try {
        const { items } = await api.demoOutbox(to);
        next = { kind: 'ready', items };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) next = { kind: 'off' };
        else throw error; // field errors (e.g. /to) go next to the field, the rest to the alert
      }
    });
    setState(next);
  };

  return (
    <div className="stack stack--wide">
      <section className="card" aria-labelledby="page-heading">
        <PageHeading>{t('outbox.title')}</PageHeading>
        <p className="lead">{t('outbox.lead')}</p>
        <form className="form form--inline" noValidate onSubmit={onSubmit} role="search">
          <FormAlert error={form.formError} />
          <TextField
            field={form.bind('to')}
            label={t('outbox.filter')}
            hint={t('outbox.filterHint')}
            type="text"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
          <SubmitButton busy={form.busy}>{t('outbox.show')}</SubmitButton>
        </form>
      </section>
      <section className="card" aria-live="polite" aria-busy={state.kind === 'loading'}>
        {state.kind === 'idle' ? <p className="muted">{t('outbox.prompt')}</p> : null}
        {state.kind === 'loading' ? <Loading /> : null}
        {state.kind === 'off' ? (
          <p className="alert alert--info" data-testid="demo-off">
            {t('outbox.off')}
          </p>
        ) : null}
        {state.kind === 'ready' ? (
          <>
            <p className="muted">{t('outbox.count', { count: state.items.length })}</p>
            {state.items.length === 0 ? <p>{t('outbox.empty')}</p> : null}
            <ol className="messages">
              {state.items.map((m) => (
                <li key={m.id} className="message" data-testid="outbox-message">
                  <dl className="message__meta">
                    <div>
                      <dt>{t('outbox.to')}</dt>
                      <dd className="message__to">{m.to}</dd>
                    </div>
                    <div>
                      <dt>{t('outbox.channel')}</dt>
                      <dd>{m.channel === 'sms' ? t('channel.sms') : t('channel.email')}</dd>
                    </div>
                    <div>
                      <dt>{t('outbox.template')}</dt>
                      <dd>{m.template}</dd>
                    </div>
                    <div>
                      <dt>{t('outbox.status')}</dt>
                      <dd>{statusLabel(t, m.status)}</dd>
                    </div>
                    <div>
                      <dt>{t('outbox.created')}</dt>
                      <dd>{formatDateTime(m.created_at, locale)}</dd>
                    </div>
                  </dl>
                  {m.subject !== '' ? (
                    <p className="message__subject">
                      <span className="visually-hidden">{t('outbox.subject')}: </span>
                      {m.subject}
                    </p>
                  ) : null}
                  <pre className="message__body">{m.body}</pre>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
    </div>
  );
}
