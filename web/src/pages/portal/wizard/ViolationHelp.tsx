// Violations shown right under the field they concern (as a Form.Item's help text).
import type { RuleViolation } from '../../../api/errors';
import { useI18n } from '../../../i18n';

export function ViolationHelp({ violations }: { violations: RuleViolation[] }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="zy-violation-help">
      {violations.map((v, i) => (
        <div key={`${v.code}-${i}`} data-code={v.code}>
          {v.message}
          {v.article ? `${t('punct.open')}${v.article}${t('punct.close')}` : ''}
        </div>
      ))}
    </div>
  );
}

/** Props for a Form.Item: red with the messages when there are violations, untouched otherwise. */
export function violationStatus(violations: RuleViolation[] | undefined) {
  return violations && violations.length ? { validateStatus: 'error' as const, help: <ViolationHelp violations={violations} /> } : {};
}
