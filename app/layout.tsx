import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { siteConfig } from '@/lib/config';
import './styles.css';

export function generateMetadata(): Metadata {
  const { name, baseUrl } = siteConfig();
  return {
    metadataBase: new URL(baseUrl),
    title: { template: `%s | ${name}`, default: name },
    applicationName: name,
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0b2d5b' },
    { media: '(prefers-color-scheme: dark)', color: '#0d1520' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={siteConfig().language}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
