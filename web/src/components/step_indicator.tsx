// The wizard's progress: Identity → Documents → Review & declare → Submitted, the current step
// marked with aria-current="step"; an earlier step is ticked (and says "done" in words, not by
// colour only) only when the server lists nothing missing for it.
import { useI18n } from '../i18n/i18n_context';
import type { WizardStep } from '../registration/wizard_steps';

const kAll = ['identity', 'documents', 'review', 'submitted'] as const;
type IndicatorStep = (typeof kAll)[number];

export function StepIndicator({ current, complete = {} }: { current: WizardStep | 'submitted'; complete?: Partial<Record<WizardStep, boolean>> }) {
  const { t } = useI18n();
  const index = kAll.indexOf(current);
  const isComplete = (step: IndicatorStep) => step !== 'submitted' && complete[step] === true;
  return (
    <nav className="stepper" aria-label={t('wizard.steps')}>
      <ol className="stepper__list">
        {kAll.map((step: IndicatorStep, i) => {
          const state = i === index ? 'current' : i < index && isComplete(step) ? 'done' : 'todo';
          return (
            <li key={step} className={`stepper__item stepper__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__dot" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stepper__label">{t(`wizard.step.${step}`)}</span>
              {state === 'done' ? <span className="visually-hidden"> ({t('wizard.stepDone')})</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
