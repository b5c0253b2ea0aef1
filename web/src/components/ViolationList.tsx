// Rule violations from the project validator (live in the browser, or the server's 422): each with the line it
// concerns, the article it comes from, and the message that says what to do.
import { Card, Tag, Typography } from 'antd';
import type { RuleViolation } from '../api/errors';
import { useI18n } from '../i18n';

export function ViolationItem({ v }: { v: RuleViolation }) {
  const { t } = useI18n();
  return (
    <span className="zy-violation" data-code={v.code}>
      {v.line !== undefined && <Tag color="red">{t('violations.line', { n: v.line })}</Tag>}
      {v.article && <Tag>{v.article}</Tag>}
      <Typography.Text type="danger">{v.message}</Typography.Text>
    </span>
  );
}

export function ViolationList({ violations, title, testId }: { violations: RuleViolation[]; title?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <div role="alert" aria-live="polite" data-testid={testId}>
      <Card size="small" title={<Typography.Text strong>{title ?? t('violations.title', { n: violations.length })}</Typography.Text>} className="zy-card">
        <ul className="zy-plain-list">
          {violations.map((v, i) => (
            <li key={`${v.code}-${v.field ?? ''}-${i}`}>
              <ViolationItem v={v} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
