// Where a project stands, for its unit: the stages as a progress line, the step it waits for and who takes it, why
// it came back, each open deadline with the working days it leaves, and what falls due once an event happens
// (the server's answer: the project view's `standing`, projects/standing.ts).
import { Alert, Card, Flex, List, Steps, Tag, Typography } from 'antd';
import { PROJECT_MACHINE, STAGE_LINE } from '@projects/workflow';
import type { Project } from '../../api/projects';
import { formatDate } from '../../format/dates';
import { useI18n } from '../../i18n';

/** States whose line ends where they stand (not approved, or ended). */
const ENDED = new Set(['REJECTED', 'TERMINATED']);

export function StandingCard({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const s = p.standing;
  const current = STAGE_LINE.indexOf(s.stage);
  const deadline = (id: string) => p.deadlines.find((d) => d.id === id);
  return (
    <Card className="zy-card" data-testid="project-standing">
      <Steps
        size="small"
        current={current}
        status={ENDED.has(p.status) ? 'error' : s.stage === 'ACCEPTED' ? 'finish' : 'process'}
        items={STAGE_LINE.map((stage) => ({ title: PROJECT_MACHINE.stateLabels[stage][locale] }))}
      />
      <Flex vertical gap={8} style={{ marginTop: 16 }}>
        {s.next && (
          <Typography.Text data-testid="standing-next">
            {t('standing.next', { step: s.next.label, party: s.next.partyLabel })}
          </Typography.Text>
        )}
        {s.returnReason && <Alert type="warning" showIcon title={t('standing.returned')} description={s.returnReason} data-testid="standing-return-reason" />}
        {s.deadlines.length > 0 && (
          <List
            size="small"
            header={t('standing.deadlines')}
            dataSource={s.deadlines}
            data-testid="standing-deadlines"
            renderItem={(d) => {
              const full = deadline(d.id);
              return (
                <List.Item>
                  <span>
                    {full?.title} {full?.article && <Typography.Text type="secondary">（{full.article}）</Typography.Text>}
                  </span>
                  <span>
                    {full && t('standing.due', { date: formatDate(full.dueDate) })}{' '}
                    {d.overdue ? (
                      <Tag color="error">{t('standing.overdue')}</Tag>
                    ) : d.workingDaysLeft !== null ? (
                      <Tag color={d.workingDaysLeft <= 2 ? 'warning' : 'processing'}>{t('standing.daysLeft', { n: d.workingDaysLeft })}</Tag>
                    ) : null}
                  </span>
                </List.Item>
              );
            }}
          />
        )}
        {s.upcoming.length > 0 && (
          <div data-testid="standing-upcoming">
            <Typography.Text type="secondary">{t('standing.upcoming')}</Typography.Text>
            <ul className="zy-plain-list">
              {s.upcoming.map((u) => (
                <li key={u.ruleCode}>
                  {u.text}
                  <Typography.Text type="secondary">（{u.article}）</Typography.Text>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Flex>
    </Card>
  );
}
