import type { IconName } from '@/components/base/icons';

export interface NavItem {
  /** Route name to link to. */
  to: string;
  /** i18n key of the label. */
  labelKey: string;
  icon: IconName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: 'home', labelKey: 'nav.home', icon: 'home' },
  { to: 'pairs', labelKey: 'nav.pairs', icon: 'pairs' },
  { to: 'people', labelKey: 'nav.people', icon: 'people' },
  { to: 'meetings', labelKey: 'nav.meetings', icon: 'meetings' },
  { to: 'settings', labelKey: 'nav.settings', icon: 'settings' },
];
