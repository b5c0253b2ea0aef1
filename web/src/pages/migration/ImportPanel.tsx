// Importing the register from the spreadsheet a department already keeps: the template to start from, the upload
// (checked by the server row by row: every row is registered, or none), and what came of it: how many systems
// were registered, or each rejected cell with its row, column and the reason in the user's language.
// `cityWide`: the sub-center's survey import (摸底), one sheet of every organisation's systems, each row naming its
// organisation; a name the platform does not recognise comes back with the closest names to choose from.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/errors';
import { importRegister, templateUrl, type ImportProblem, type ImportResult } from '../../api/migration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

type Outcome = { file: string } & ({ result: ImportResult } | { problems: ImportProblem[] } | { error: unknown });

type Suggestion = NonNullable<ImportProblem['suggestions']>[number];

export function ImportPanel({ onImported, cityWide = false }: { onImported(): void; cityWide?: boolean }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setOutcome(null);
    try {
      const res = await importRegister(file);
      setOutcome({ file: file.name, result: res.data });
      onImported();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RULE_VIOLATION') setOutcome({ file: file.name, problems: err.violations as ImportProblem[] });
      else setOutcome({ file: file.name, error: err });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="zy-card" title={t(cityWide ? 'register.cityImportTitle' : 'register.importTitle')} size="small" data-testid="import-panel">
      <Typography.Paragraph type="secondary">{t(cityWide ? 'register.cityImportHint' : 'register.importHint')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: outcome ? 16 : 0 }}>
        <Button icon={<DownloadOutlined />} href={templateUrl('xlsx', locale)} download data-testid="template-xlsx">
          {t('register.templateXlsx')}
        </Button>
        <Upload
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            {t('register.importButton')}
          </Button>
        </Upload>
      </Flex>
      {outcome && 'result' in outcome && (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="import-result"
          title={t('register.imported', { count: outcome.result.imported, file: outcome.file })}
          description={
            <>
              {cityWide ? (
                <div>{t('register.importedOrganisations', { count: outcome.result.organisations })}</div>
              ) : (
                <div>{t('register.importedCodes', { first: outcome.result.firstCode, last: outcome.result.lastCode })}</div>
              )}
              {outcome.result.skippedEmptyRows > 0 && <div>{t('register.skippedEmptyRows', { count: outcome.result.skippedEmptyRows })}</div>}
            </>
          }
        />
      )}
      {outcome && 'problems' in outcome && (
        <div data-testid="import-result">
          <Alert type="error" showIcon title={t('register.importRejected', { file: outcome.file, count: outcome.problems.length })} description={t('register.importRejectedHint')} style={{ marginBottom: 12 }} />
          <div data-testid="import-problems">
            <Table<ImportProblem>
              rowKey={(p) => `${p.line}-${p.cell ?? p.column ?? ''}-${p.code}`}
              size="small"
              dataSource={outcome.problems}
              pagination={outcome.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: t('register.problemRow'), dataIndex: 'line', width: 90 },
                { title: t('register.problemColumn'), dataIndex: 'column', width: 160, render: (c?: string) => c ?? '—' },
                { title: t('register.problemCell'), dataIndex: 'cell', width: 90, render: (c?: string) => c ?? '—' },
                { title: t('register.problemMessage'), dataIndex: 'message' },
                ...(outcome.problems.some((p) => p.suggestions?.length)
                  ? [
                      {
                        title: t('register.problemSuggestions'),
                        dataIndex: 'suggestions',
                        width: 260,
                        render: (list?: Suggestion[]) =>
                          list?.length ? (
                            <Flex gap={4} wrap data-testid="import-suggestions">
                              {list.map((s) => (
                                <Tooltip key={s.id} title={t('register.suggestionScore', { score: Math.round(s.score * 100), matched: s.matched })}>
                                  <Tag color="blue">{s.name}</Tag>
                                </Tooltip>
                              ))}
                            </Flex>
                          ) : (
                            '—'
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        </div>
      )}
      {outcome && 'error' in outcome && <ErrorAlert error={outcome.error} title={t('register.importFailed', { file: outcome.file })} />}
    </Card>
  );
}
