// The board's breakdowns as tables (each adds up to the total number of systems): by kind of organisation, by
// jurisdiction, by industry cloud (full view only), by current hosting, and by organisation (every kind; filter by
// kind and jurisdiction, find by name). A new breakdown gets its panel here.
import { Col, Flex, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import type { MigrationBoard } from '../../api/board';
import { useI18n, type MessageKey } from '../../i18n';
import { BreakdownTable } from './BreakdownTable';
import { Panel } from './Panel';

type Rows<K extends keyof MigrationBoard> = NonNullable<MigrationBoard[K]>;
type OrgRow = Rows<'byOrganisation'>[number];

export function BreakdownPanels({ board }: { board: MigrationBoard }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string>();
  const [jurisdiction, setJurisdiction] = useState<string>();
  const named = (r: { name: string; nameEn: string | null }) => (locale === 'en' ? (r.nameEn ?? r.name) : r.name);
  const jurisdictionName = new Map(board.byJurisdiction.map((j) => [j.code, named(j)]));
  const filtered = q.trim() !== '' || kind !== undefined || jurisdiction !== undefined;
  const orgs = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return board.byOrganisation.filter(
      (o) =>
        (kind === undefined || o.kind === kind) &&
        (jurisdiction === undefined || o.jurisdiction === jurisdiction) &&
        (needle === '' || [o.code, o.name, o.nameEn ?? ''].some((s) => s.toLowerCase().includes(needle))),
    );
  }, [board.byOrganisation, q, kind, jurisdiction]);
  const common = { totals: board.totals, view: board.view };
  const organisations = { key: 'organisations', title: t('board.organisations'), dataIndex: 'organisations', align: 'right' as const };
  const kindName = (kind: string) => t(`board.kind.${kind}` as MessageKey);

  return (
    <>
      <Col xs={24}>
        <p className="zy-board-sub" data-testid="board-adds-up">
          {t('board.addsUp')}
        </p>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('board.byOrgKind')}>
          <BreakdownTable
            {...common}
            testId="breakdown-org-kind"
            rows={board.byOrganisationKind}
            rowKey={(r) => r.kind}
            leading={[{ key: 'kind', title: t('board.orgKind'), render: (_, r) => kindName(r.kind) }]}
            extra={[organisations]}
          />
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('board.byJurisdiction')}>
          <BreakdownTable
            {...common}
            testId="breakdown-jurisdiction"
            rows={board.byJurisdiction}
            rowKey={(r) => r.code}
            leading={[{ key: 'name', title: t('board.jurisdiction'), render: (_, r) => named(r) }]}
            extra={[organisations]}
            pageSize={14}
          />
        </Panel>
      </Col>
      {board.byIndustryCloud && (
        <Col xs={24} xl={12}>
          <Panel title={t('board.byIndustryCloud')}>
            <BreakdownTable
              {...common}
              testId="breakdown-industry-cloud"
              rows={board.byIndustryCloud}
              rowKey={(r) => `${r.onIndustryCloud}|${r.industryCloud ?? ''}`}
              leading={[
                {
                  key: 'cloud',
                  title: t('board.industryCloud'),
                  render: (_, r) => (r.onIndustryCloud ? (r.industryCloud ?? t('board.unnamedIndustryCloud')) : <em>{t('board.notOnIndustryCloud')}</em>),
                },
              ]}
              extra={[organisations]}
            />
          </Panel>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Panel title={t('board.byHostingTable')}>
          <BreakdownTable
            {...common}
            testId="breakdown-hosting"
            rows={board.byHosting}
            rowKey={(r) => r.hosting}
            leading={[{ key: 'hosting', title: t('board.hosting'), render: (_, r) => t(`migration.hosting.${r.hosting}` as MessageKey) }]}
          />
        </Panel>
      </Col>
      <Col xs={24}>
        <Panel title={t('board.byOrganisation')}>
          <Flex gap={8} wrap style={{ marginBottom: 8 }}>
            <Input.Search allowClear placeholder={t('board.searchOrg')} aria-label={t('board.searchOrg')} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 320 }} data-testid="breakdown-org-search" />
            <Select
              allowClear
              placeholder={t('board.orgKind')}
              aria-label={t('board.orgKind')}
              value={kind}
              onChange={setKind}
              style={{ minWidth: 180 }}
              options={board.byOrganisationKind.map((k) => ({ value: k.kind, label: kindName(k.kind) }))}
              data-testid="breakdown-org-kind-filter"
            />
            <Select
              allowClear
              placeholder={t('board.jurisdiction')}
              aria-label={t('board.jurisdiction')}
              value={jurisdiction}
              onChange={setJurisdiction}
              style={{ minWidth: 180 }}
              options={board.byJurisdiction.map((j) => ({ value: j.code, label: named(j) }))}
              data-testid="breakdown-org-jurisdiction-filter"
            />
          </Flex>
          <BreakdownTable<OrgRow>
            {...common}
            testId="breakdown-organisation"
            rows={orgs}
            rowKey={(r) => r.orgId}
            pageSize={20}
            showTotal={!filtered}
            leading={[
              { key: 'code', title: t('board.orgCode'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
              { key: 'name', title: t('board.org'), render: (_, r) => named(r), sorter: (a, b) => named(a).localeCompare(named(b), locale) },
              { key: 'kind', title: t('board.orgKind'), render: (_, r) => kindName(r.kind), sorter: (a, b) => a.kind.localeCompare(b.kind) },
              { key: 'jurisdiction', title: t('board.jurisdiction'), render: (_, r) => jurisdictionName.get(r.jurisdiction) ?? r.jurisdiction, sorter: (a, b) => a.jurisdiction.localeCompare(b.jurisdiction) },
            ]}
          />
        </Panel>
      </Col>
    </>
  );
}
