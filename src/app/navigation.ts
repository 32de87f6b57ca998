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
  /**
   * Only on the tablet's side rail: the phone's bottom bar keeps at most six items (at 360 px
   * each is then 60 px wide). On a phone these pages open from «Итоги» (MonitoringView).
   */
  railOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: 'home', labelKey: 'nav.home', icon: 'home' },
  { to: 'pairs', labelKey: 'nav.pairs', icon: 'pairs' },
  { to: 'people', labelKey: 'nav.people', icon: 'people' },
  { to: 'meetings', labelKey: 'nav.meetings', icon: 'meetings' },
  { to: 'monitoring', labelKey: 'nav.monitoring', icon: 'chart', action: 'viewMonitoring' },
  { to: 'kpi', labelKey: 'nav.kpi', icon: 'chart', action: 'viewKpis', railOnly: true },
  {
    to: 'year',
    labelKey: 'nav.year',
    icon: 'check',
    action: 'manageProgrammeYear',
    railOnly: true,
  },
  { to: 'settings', labelKey: 'nav.settings', icon: 'settings' },
];

/** The items this workspace may open (a mentee has no monitoring, a curator does). */
export function navItemsFor(workspace: Workspace): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.action || mayEver(workspace, item.action));
}
