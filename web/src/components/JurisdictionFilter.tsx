// Jurisdictions (Art. 39) in the console: the filter the oversight lists, the notices and the board share, and a
// jurisdiction's name. Read once per page from GET /api/jurisdictions (public).
import { Select } from 'antd';
import { fetchJurisdictions } from '../api/admin';
import { useAuth } from '../auth/AuthContext';
import { useApiData } from '../hooks/useApiData';
import { useI18n } from '../i18n';

export function useJurisdictions() {
  return useApiData((signal) => fetchJurisdictions(signal), []);
}

/** The select of a jurisdiction; not shown to a county's users, whose lists hold their own jurisdiction only. */
export function JurisdictionFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const all = useJurisdictions();
  if (user && user.jurisdiction !== 'CITY') return null;
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      style={{ width: 150 }}
      aria-label={t('list.filter.jurisdiction')}
      placeholder={t('list.filter.allJurisdictions')}
      loading={all.loading}
      value={value}
      onChange={onChange}
      options={(all.data?.items ?? []).map((j) => ({ value: j.code, label: locale === 'en' ? (j.nameEn ?? j.name) : j.name }))}
      data-testid="filter-jurisdiction"
    />
  );
}

/** A jurisdiction by name (its code until the names arrive). */
export function JurisdictionName({ code }: { code: string }) {
  const { locale } = useI18n();
  const all = useJurisdictions();
  const j = all.data?.items.find((x) => x.code === code);
  return <>{j ? (locale === 'en' ? (j.nameEn ?? j.name) : j.name) : code}</>;
}
