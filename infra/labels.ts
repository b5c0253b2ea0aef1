// Labels of every object of the platform; NetworkPolicies and Services select on them.
export const APP = 'zhengyun';
export type Component = 'api' | 'worker' | 'migrate' | 'database' | 'data' | 'network' | 'config';

export function labelsFor(component: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': APP, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'zhengyun', 'app.kubernetes.io/managed-by': 'pulumi' };
}

/** The selector of one component's pods (a subset of its labels, stable across versions). */
export function selectorFor(component: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': APP, 'app.kubernetes.io/component': component };
}

/** Every Zhengyun process (API, worker, migration Job): the database clients. */
export const APP_PODS = { matchLabels: { 'app.kubernetes.io/name': APP }, matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['api', 'worker', 'migrate'] }] };
