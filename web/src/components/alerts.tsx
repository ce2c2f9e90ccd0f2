// Form-level error (role="alert": announced at once) and success/status notes (role="status").
// The error text comes from the problem's code in the current language; the request id is shown
// so support can find the server log line.
import { ApiError } from '../api/problem';
import { useI18n } from '../i18n/i18n_context';
import { problemMessage, type ProblemContext } from '../i18n/problem_messages';
import type { ReactNode } from 'react';

export function FormAlert({ error, context, children }: { error: unknown; context?: ProblemContext; children?: ReactNode }) {
  const { t } = useI18n();
  const show = error !== null && error !== undefined;
  return (
    <div className="alert-slot" role="alert">
      {show ? (
        <div className="alert alert--error">
          <p>{problemMessage(t, error, context)}</p>
          {children}
          {error instanceof ApiError && error.requestId !== null ? (
            <p className="alert__reference">{t('problem.reference', { id: error.requestId })}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function StatusNote({ children }: { children: ReactNode }) {
  return (
    <div className="alert-slot" role="status">
      {children !== null && children !== undefined && children !== false ? (
        <div className="alert alert--success">
          <p>{children}</p>
        </div>
      ) : null}
    </div>
  );
}
