// The register's filters: a name or code, states, current hosting, wave, and "still outside the city cloud".
import { Checkbox, Flex, Input, Select } from 'antd';
import { HOSTING_TYPES, MIGRATION_STATES } from '../../api/board';
import type { MigrationWave, SystemFilter } from '../../api/migration';
import { useI18n, type MessageKey } from '../../i18n';

interface Props {
  filter: SystemFilter;
  waves: MigrationWave[];
  onChange(filter: SystemFilter): void;
}

export function SystemFilters({ filter, waves, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} data-testid="system-filters">
      <Input.Search
        aria-label={t('register.search')}
        placeholder={t('register.search')}
        allowClear
        maxLength={100}
        style={{ width: 240 }}
        defaultValue={filter.q}
        onSearch={(v) => onChange({ ...filter, q: v.trim() || undefined })}
        data-testid="system-search"
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('register.filterStatus')}
        placeholder={t('register.filterStatus')}
        style={{ minWidth: 200 }}
        value={filter.status ?? []}
        onChange={(v) => onChange({ ...filter, status: v.length ? v : undefined })}
        options={MIGRATION_STATES.map((s) => ({ value: s, label: t(`migration.status.${s}` as MessageKey) }))}
        data-testid="filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('register.filterHosting')}
        placeholder={t('register.filterHosting')}
        style={{ minWidth: 200 }}
        value={filter.hosting ?? []}
        onChange={(v) => onChange({ ...filter, hosting: v.length ? v : undefined })}
        options={HOSTING_TYPES.map((h) => ({ value: h, label: t(`migration.hosting.${h}` as MessageKey) }))}
        data-testid="filter-hosting"
      />
      {waves.length > 0 && (
        <Select
          allowClear
          aria-label={t('register.filterWave')}
          placeholder={t('register.filterWave')}
          style={{ minWidth: 180 }}
          value={filter.waveId}
          onChange={(v?: string) => onChange({ ...filter, waveId: v || undefined })}
          options={waves.map((w) => ({ value: w.id, label: w.name }))}
        />
      )}
      <Checkbox checked={filter.outsideCityCloud ?? false} onChange={(e) => onChange({ ...filter, outsideCityCloud: e.target.checked || undefined })} data-testid="filter-outside">
        {t('register.filterOutside')}
      </Checkbox>
    </Flex>
  );
}
