// The register's fixed choices (hosting, 信创 adaptation, migration strategy, effort/risk levels): plain lists
// without dependencies, so the web console uses the server's own.
export const HOSTING_TYPES = ['OWN_ROOM', 'INDUSTRY_CLOUD', 'COUNTY_CLOUD', 'OTHER_PROVIDER', 'CITY_CLOUD'] as const;
export const XINCHUANG_STATUSES = ['NONE', 'PARTIAL', 'FULL'] as const;
export const STRATEGIES = ['REHOST', 'REPLATFORM', 'REFACTOR', 'REPURCHASE', 'RETIRE', 'RETAIN_EXEMPT'] as const;
export const LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;

export type HostingType = (typeof HOSTING_TYPES)[number];
export type XinchuangStatus = (typeof XINCHUANG_STATUSES)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type Level = (typeof LEVELS)[number];
