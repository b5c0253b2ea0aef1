// The Pulumi program that deploys Zhengyun itself (`cd infra && pulumi up --stack production`).
// Settings come from Pulumi.<stack>.yaml and Pulumi config secrets; see settings.ts and the README.
import { ZhengyunPlatform } from './platform.js';
import { readSettings } from './settings.js';

const settings = readSettings();
const platform = new ZhengyunPlatform('zhengyun', settings);

export const namespace = platform.namespace.metadata.name;
export const url = platform.url;
export const migrationJob = platform.migration.metadata.name;
export const databaseCluster = platform.database.clusterName;
export const image = settings.image;
