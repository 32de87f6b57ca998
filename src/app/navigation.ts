import type { IconName } from '@/components/base/icons';
import { mayEver, type Action, type Workspace } from '@/domain/access';

export interface NavItem {
  /** Route name to link to. */
  to: string;
  /** i18n key of the label. */
  labelKey: string;
  icon: IconName;
  /** Shown only to a workspace that holds this action (domain/access.ts). */
  action?: Action;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: 'home', labelKey: 'nav.home', icon: 'home' },
  { to: 'pairs', labelKey: 'nav.pairs', icon: 'pairs' },
  { to: 'people', labelKey: 'nav.people', icon: 'people' },
  { to: 'meetings', labelKey: 'nav.meetings', icon: 'meetings' },
  { to: 'monitoring', labelKey: 'nav.monitoring', icon: 'chart', action: 'viewMonitoring' },
  { to: 'settings', labelKey: 'nav.settings', icon: 'settings' },
];

/** The items this workspace may open (a mentee has no monitoring, a curator does). */
export function navItemsFor(workspace: Workspace): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.action || mayEver(workspace, item.action));
}
