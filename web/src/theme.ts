// The console's Ant Design theme. Secondary, tertiary and placeholder text are darker than Ant Design's defaults
// (black at 45%/25% opacity, about 3.4:1 on white) so every text meets WCAG AA's 4.5:1 contrast, as the axe
// checks in test/e2e/accessibility.test.ts require; links and status colours are darker too. Preset-coloured
// tags take their text from palettes the theme cannot change: styles.css darkens those.
import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    colorError: '#c41d1f',
    // status colours, as text on their light backgrounds (tags, alerts): the darker end of each palette
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorInfo: '#0958d9',
    // …on the light backgrounds and borders of Ant Design's defaults (a darker seed would darken these too)
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    borderRadius: 4,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
  },
};
