import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { ReactNode, useEffect, useSyncExternalStore } from 'react';
import { I18nProvider, useI18n } from '@/i18n';
import { queryClient } from '@/lib/query-client';
import { SessionProvider } from '@/features/auth';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** The reader's system setting "reduce motion" (WCAG 2.3.3), followed as it changes. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

/** Ant Design's own texts (dates, pagination, forms) follow the chosen language; its animations follow the reader's motion setting. */
function LocalisedUi({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      // The ripple after a click is motion too (two seconds of fading).
      wave={{ disabled: reducedMotion }}
      theme={{
        // Darker than the defaults, hover and pressed states included: 4.5:1 contrast (WCAG AA) on white and grey.
        token: {
          colorPrimary: '#1d4ed8',
          colorPrimaryHover: '#1e40af',
          colorPrimaryActive: '#1e3a8a',
          colorLink: '#1e40af',
          colorLinkHover: '#1e3a8a',
          colorErrorHover: '#991b1b',
          colorErrorActive: '#7f1d1d',
          colorError: '#b91c1c',
          colorInfo: '#1d4ed8',
          colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.68)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
          fontSize: 15,
          borderRadius: 6,
          // Menus, dialogs and messages appear without animating for readers who asked their system for less motion.
          motion: !reducedMotion,
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <LocalisedUi>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>{children}</SessionProvider>
        </QueryClientProvider>
      </LocalisedUi>
    </I18nProvider>
  );
}
