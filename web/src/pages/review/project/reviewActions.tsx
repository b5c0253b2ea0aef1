// Which actions the signed-in reviewer takes on a project in its current state, each a titled card: GIA's
// review, Finance's budget review, the notice, objections and establishment, the change review, rectification
// notices and the Art. 23 measures. The states come from the server's own state machine (projects/workflow.ts).
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { catalogCost } from '@projects/validation';
import * as noticesApi from '../../../api/notices';
import * as projectsApi from '../../../api/projects';
import { offers, pending } from '../../../api/actions';
import type { CatalogView } from '../../../api/catalog';
import type { Project, ProjectDeadline } from '../../../api/projects';
import { formatDate } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { ConfirmSummary, type Confirmation } from '../../../hooks/useConfirm';
import type { Translate } from '../../../i18n';
import { BudgetReviewForm } from './BudgetReviewForm';
import { ChangeReviewForm } from './ChangeReviewForm';
import { EstablishPanel } from './EstablishPanel';
import { GiaReviewForm } from './GiaReviewForm';
import { NoticeForm } from './NoticeForm';
import { ObjectionResolveForm } from './ObjectionResolveForm';
import { controlActions, ProjectControlPanel } from './ProjectControlPanel';
import { RectificationForm } from './RectificationForm';

/**
 * How an action ended: done, refused as stale (the page said so and reloaded), failed (the error is shown), or
 * not confirmed (nothing was sent).
 */
export type Outcome = 'done' | 'stale' | 'failed' | 'cancelled';


/**
 * Runs a call for the action `key` once the reviewer confirmed it, says `done` when it worked, and keeps its error
 * under `key`. A decision leads on to the next project of the queue (`decided`).
 */
export type Act = <T>(key: string, call: () => Promise<T>, done: string | ((result: T) => string), confirm?: Confirmation, decided?: boolean) => Promise<Outcome>;

export interface ReviewAction {
  key: string;
  title: string;
  body: ReactNode;
  /** 'top': across the page above the project (the change review's table needs the width); else beside it */
  placement?: 'top' | 'side';
  /** the body shows its own errors, next to its fields; otherwise the card shows them above the body */
  ownErrors?: boolean;
}

interface Context {
  project: Project;
  etag: string | null;
  view: CatalogView | undefined;
  busy: boolean;
  act: Act;
  errorOf(key: string): unknown;
  t: Translate;
}


export function reviewActions({ project: p, etag, view, busy, act, errorOf, t }: Context): ReviewAction[] {
  const actions: ReviewAction[] = [];

  if (offers(p, 'review')) {
    actions.push({
      key: 'review',
      title: t('review.formTitle'),
      body: (
        <GiaReviewForm
          projectId={p.id}
          busy={busy}
          onDecide={(input) =>
            void act('review', () => projectsApi.reviewProject(p.id, etag, input), t(`review.done.${input.decision}`), {
              title: t(`review.confirm.${input.decision}`),
              // a county's project goes on to the county's finance bureau (Art. 39)
              summary: decisionSummary(t, p, input.comment, t(`review.confirm.${input.decision}.effect`, { finance: t(p.jurisdiction === 'CITY' ? 'party.cityFinance' : 'party.countyFinance') })),
              danger: input.decision === 'REJECT',
            }, true)
          }
        />
      ),
    });
  }
  if (offers(p, 'budget-review')) {
    const cost = view ? catalogCost(p.lines, view).total : null;
    actions.push({
      key: 'budget',
      title: t('budget.title'),
      body: (
        <BudgetReviewForm
          projectId={p.id}
          requested={p.totalBudget}
          catalogCost={cost}
          busy={busy}
          onDecide={(input) =>
            void act('budget', () => projectsApi.budgetReview(p.id, etag, input), t(`budget.done.${input.decision}`), {
              title: t(`budget.confirm.${input.decision}`),
              summary: decisionSummary(
                t,
                p,
                input.comment,
                input.decision === 'APPROVE' ? t('budget.confirm.APPROVE.effect', { amount: formatYuan(input.approvedAmount ?? 0), requested: formatYuan(p.totalBudget) }) : t('budget.confirm.RETURN.effect'),
              ),
            }, true)
          }
        />
      ),
    });
  }
  if (offers(p, 'notice')) {
    actions.push({
      key: 'notice',
      title: t('notice.formTitle'),
      body: (
        <NoticeForm
          busy={busy}
          onOpen={(input) =>
            void act('notice', () => projectsApi.openNotice(p.id, etag, input), t('notice.opened'), {
              title: t('notice.confirm'),
              summary: decisionSummary(t, p, undefined, t('notice.confirm.effect', { start: formatDate(input.startDate), end: formatDate(input.endDate) })),
            }, true)
          }
        />
      ),
    });
  }
  if (pending(p, 'establish')) {
    const notice = p.notices.find((n) => !n.closedAt) ?? p.notices.at(-1);
    const open = notice?.objections.filter((o) => !o.resolution) ?? [];
    if (notice && open.length > 0 && offers(p, 'resolve-objection')) {
      actions.push({
        key: 'objections',
        title: t('objections.title'),
        ownErrors: true,
        body: (
          <div data-testid="open-objections">
            <Typography.Paragraph>{t('objections.hint', { n: open.length })}</Typography.Paragraph>
            {open.map((o) => (
              <ObjectionResolveForm
                key={o.id}
                objection={o}
                n={notice.objections.indexOf(o) + 1}
                busy={busy}
                error={errorOf(`objection-${o.id}`)}
                onResolve={(resolution) => act(`objection-${o.id}`, () => noticesApi.resolveObjection(notice.id, o.id, etag, resolution), t('objections.done'))}
              />
            ))}
          </div>
        ),
      });
    }
    actions.push({
      key: 'establish',
      title: t('establish.title'),
      body: (
        <EstablishPanel
          notice={notice}
          busy={busy}
          onEstablish={(no) =>
            void act('establish', () => projectsApi.establishProject(p.id, etag, no), t('establish.done'), {
              title: t('establish.confirm'),
              summary: decisionSummary(t, p, undefined, no ? t('establish.confirm.effectNumber', { number: no }) : t('establish.confirm.effect')),
            }, true)
          }
        />
      ),
    });
  }
  if (offers(p, 'change-review')) {
    actions.push({
      key: 'change-review',
      title: t('changeReview.title'),
      placement: 'top',
      ownErrors: true,
      body: (
        <ChangeReviewForm
          project={p}
          busy={busy}
          error={errorOf('change-review')}
          onDecide={(input) =>
            act('change-review', () => projectsApi.reviewChange(p.id, etag, input), t(`changeReview.done.${input.decision}`), {
              title: t(`changeReview.confirm.${input.decision}`),
              summary: decisionSummary(t, p, input.comment, t(`changeReview.confirm.${input.decision}.effect`)),
            }, true)
          }
        />
      ),
    });
  }
  if (offers(p, 'rectify')) {
    actions.push({
      key: 'rectify',
      title: t('rectify.title'),
      ownErrors: true,
      body: (
        <RectificationForm
          busy={busy}
          error={errorOf('rectify')}
          onIssue={(input) =>
            act(
              'rectify',
              () => projectsApi.issueRectification(p.id, etag, input),
              (res) => {
                const due = newestDeadline(p.deadlines, res.data.deadlines);
                return due ? t('rectify.doneDue', { due: formatDate(due.dueDate) }) : t('rectify.done');
              },
              { title: t('rectify.confirm'), summary: decisionSummary(t, p, input.issues, t('rectify.confirm.effect')) },
            )
          }
        />
      ),
    });
  }
  if (controlActions(p).length > 0) {
    actions.push({
      key: 'control',
      title: t('control.title'),
      ownErrors: true,
      body: (
        <ProjectControlPanel
          project={p}
          busy={busy}
          error={errorOf('control')}
          onAct={(action, reason) => act('control', () => projectsApi.governProject(p.id, etag, action, reason), t(`control.done.${action}`))}
        />
      ),
    });
  }
  return actions;
}

/** What a confirmation says: the project, what will happen, and the comment that goes with it. */
function decisionSummary(_t: Translate, p: Project, comment: string | undefined, effect: string): ReactNode {
  return <ConfirmSummary subject={`${p.code} ${p.name}（${p.org.name}）`} effect={effect} comment={comment} />;
}

/** The rectification deadline the answer has and the project before it did not: the one just opened. */
function newestDeadline(before: ProjectDeadline[], after: ProjectDeadline[]): ProjectDeadline | undefined {
  const known = new Set(before.map((d) => d.id));
  return after.find((d) => d.ruleCode === 'RECTIFICATION_REPORT' && !known.has(d.id));
}
