// Primary form button. While busy it keeps focus and its place (aria-disabled, not disabled,
// so keyboard users aren't dropped to <body>) and says "Please wait…".
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { useI18n } from '../i18n/i18n_context';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  ref?: Ref<HTMLButtonElement>;
  children: ReactNode;
};

export function Button({ busy = false, variant = 'primary', className, children, type = 'button', onClick, ...rest }: Props) {
  const { t } = useI18n();
  return (
    <button
      {...rest}
      type={type}
      className={['button', `button--${variant}`, className ?? ''].join(' ').trim()}
      aria-disabled={busy ? true : undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {busy ? t('common.working') : children}
    </button>
  );
}

export function SubmitButton(props: Omit<Props, 'type'>) {
  return <Button {...props} type="submit" />;
}
