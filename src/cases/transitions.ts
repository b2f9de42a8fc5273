/**
 * What each action does to a case, as a pure function: the next status and assignee, or why it is refused.
 * Closed cases take comments only; an escalated case is decided by an admin (that is what escalation is for).
 */
import type { CaseAction, CaseActor, CaseStatus } from './types.js';

export type Transition =
  | { ok: true; status: CaseStatus; assignee: string | null | undefined }
  | { ok: false; status: 403 | 409; reason: string };

export function transition(
  current: { status: CaseStatus; assignee?: string },
  act: CaseAction,
  who: CaseActor,
): Transition {
  if (act.action === 'comment') return { ok: true, status: current.status, assignee: current.assignee };
  if (current.status === 'closed') return { ok: false, status: 409, reason: 'the case is closed' };
  switch (act.action) {
    case 'assign':
      // an escalated case stays escalated when it is handed to someone
      return { ok: true, status: current.status === 'escalated' ? 'escalated' : 'assigned', assignee: act.assignee };
    case 'escalate':
      if (current.status === 'escalated') return { ok: false, status: 409, reason: 'the case is already escalated' };
      return { ok: true, status: 'escalated', assignee: current.assignee };
    case 'decide':
      if (current.status === 'escalated' && who.role !== 'admin') {
        return { ok: false, status: 403, reason: 'an escalated case is decided by an admin' };
      }
      return { ok: true, status: 'closed', assignee: current.assignee };
  }
}
