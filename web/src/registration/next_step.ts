// What a subscriber should do next, per line and overall, from their lines (GET /api/v1/sims) and
// their applications (GET /api/v1/applications, plus the full record where a decision's reasons
// matter). A line belongs to the application named by its application_id or, while that is not
// set (drafts), to the open application whose line_ids hold it. Pure: the account home renders
// exactly this.
import type { Application, Line } from '../api/registration_types';
import { stepForReasons, type WizardStep } from './wizard_steps';

/** The parts of an application the next step depends on (a list summary has all but decision). */
export type ApplicationLike = Pick<Application, 'id' | 'status'> &
  Partial<Pick<Application, 'due_at' | 'line_ids' | 'decision' | 'updated_at'>>;

export type NextStep =
  | { kind: 'link' }
  | { kind: 'register' }
  | { kind: 'continue'; applicationId: string }
  | { kind: 'pending'; applicationId: string; dueAt: string | null }
  | { kind: 'fix'; applicationId: string; step: WizardStep }
  | { kind: 'rejected'; applicationId: string }
  | { kind: 'done' }
  | { kind: 'blocked' };

/** The application a line is on: its application_id, else an open application listing it. */
export function applicationOf(line: Line, applications: ReadonlyMap<string, ApplicationLike>): ApplicationLike | null {
  if (line.application_id !== null) {
    const named = applications.get(line.application_id);
    if (named !== undefined) return named;
  }
  let rejected: ApplicationLike | null = null;
  for (const application of applications.values()) {
    if (!(application.line_ids ?? []).includes(line.id)) continue;
    if (application.status !== 'rejected') return application;
    rejected ??= application;
  }
  return rejected;
}

/**
 * Lines that can go into a new application: unregistered (or restricted for being unregistered),
 * and not on an application that is still open (a rejected one no longer holds the line).
 */
export function canStartRegistration(line: Line, applications: ReadonlyMap<string, ApplicationLike>): boolean {
  if (line.status !== 'unregistered' && line.status !== 'restricted') return false;
  const application = applicationOf(line, applications);
  if (application !== null) return application.status === 'rejected';
  return line.application_id === null;
}

export function nextStepForLine(line: Line, applications: ReadonlyMap<string, ApplicationLike>): NextStep {
  if (line.status === 'registered') return { kind: 'done' };
  if (line.status === 'frozen' || line.status === 'cancelled') return { kind: 'blocked' };
  const application = applicationOf(line, applications);
  if (application === null) {
    if (line.application_id === null) return { kind: 'register' };
    // The application could not be loaded: its status is unknown, the line's says enough.
    return line.status === 'pending'
      ? { kind: 'pending', applicationId: line.application_id, dueAt: null }
      : { kind: 'continue', applicationId: line.application_id };
  }
  switch (application.status) {
    case 'draft':
      return { kind: 'continue', applicationId: application.id };
    case 'submitted':
    case 'in_review':
      return { kind: 'pending', applicationId: application.id, dueAt: application.due_at ?? null };
    case 'resubmission_requested':
      return { kind: 'fix', applicationId: application.id, step: stepForReasons(application.decision?.reasons ?? []) };
    case 'rejected':
      return canStartRegistration(line, applications) ? { kind: 'rejected', applicationId: application.id } : { kind: 'blocked' };
    case 'approved':
      return { kind: 'done' };
  }
}

// The home page's one highlighted action: what needs the person most comes first.
const kPriority: Record<NextStep['kind'], number> = {
  fix: 0,
  continue: 1,
  register: 2,
  rejected: 3,
  link: 4,
  pending: 5,
  done: 6,
  blocked: 7,
};

export function primaryNextStep(lines: readonly Line[], applications: ReadonlyMap<string, ApplicationLike>): NextStep {
  if (lines.length === 0) return { kind: 'link' };
  const steps = lines.map((line) => nextStepForLine(line, applications));
  steps.sort((a, b) => kPriority[a.kind] - kPriority[b.kind]);
  const first = steps[0]!;
  // A rejected line is registered again like a new one.
  return first.kind === 'rejected' ? { kind: 'register' } : first;
}

/** Application ids named by lines but missing from the list (to load them one by one). */
export function unlistedApplicationIds(lines: readonly Line[], listed: ReadonlyMap<string, ApplicationLike>): string[] {
  const ids: string[] = [];
  for (const line of lines) {
    if (line.application_id !== null && !listed.has(line.application_id) && !ids.includes(line.application_id)) {
      ids.push(line.application_id);
    }
  }
  return ids;
}
