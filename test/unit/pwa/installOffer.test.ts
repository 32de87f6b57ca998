import { describe, expect, it } from 'vitest';
import { installOfferFor, isIosSafari, type InstallFacts } from '@/pwa/installOffer';

const UA = {
  androidChrome:
    'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  androidYandex:
    'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 YaBrowser/24.12.1.77.00 SA/3 Mobile Safari/537.36',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  iphoneYandex:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 YaBrowser/24.12.0.1490.10 Mobile/15E148 Safari/604.1',
  ipadSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  desktopFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
};

function facts(over: Partial<InstallFacts>): InstallFacts {
  return {
    isStandalone: false,
    wasInstalled: false,
    hasPromptEvent: false,
    userAgent: UA.androidChrome,
    maxTouchPoints: 5,
    ...over,
  };
}

describe('which install offer a device gets', () => {
  it('offers the browser dialog where the browser fired beforeinstallprompt', () => {
    expect(installOfferFor(facts({ hasPromptEvent: true }))).toBe('prompt');
    expect(installOfferFor(facts({ hasPromptEvent: true, userAgent: UA.androidYandex }))).toBe(
      'prompt',
    );
  });

  it('shows the Share → Home Screen steps in Safari on an iPhone or iPad', () => {
    expect(installOfferFor(facts({ userAgent: UA.iphoneSafari }))).toBe('ios-steps');
    expect(installOfferFor(facts({ userAgent: UA.ipadSafari, maxTouchPoints: 5 }))).toBe(
      'ios-steps',
    );
  });

  it('offers nothing where installation cannot be started or explained', () => {
    expect(installOfferFor(facts({}))).toBe('none');
    expect(installOfferFor(facts({ userAgent: UA.desktopFirefox, maxTouchPoints: 0 }))).toBe(
      'none',
    );
    expect(installOfferFor(facts({ userAgent: UA.iphoneChrome }))).toBe('none');
  });

  it('offers nothing once installed, even when the browser still holds a prompt', () => {
    expect(installOfferFor(facts({ isStandalone: true, hasPromptEvent: true }))).toBe('none');
    expect(installOfferFor(facts({ wasInstalled: true, hasPromptEvent: true }))).toBe('none');
    expect(installOfferFor(facts({ isStandalone: true, userAgent: UA.iphoneSafari }))).toBe('none');
  });
});

describe('Safari on iOS', () => {
  it('is told apart from other iOS browsers and from a Mac', () => {
    expect(isIosSafari(UA.iphoneSafari, 5)).toBe(true);
    expect(isIosSafari(UA.ipadSafari, 5)).toBe(true);
    expect(isIosSafari(UA.ipadSafari, 0)).toBe(false);
    expect(isIosSafari(UA.iphoneChrome, 5)).toBe(false);
    expect(isIosSafari(UA.iphoneYandex, 5)).toBe(false);
    expect(isIosSafari(UA.androidChrome, 5)).toBe(false);
  });
});
