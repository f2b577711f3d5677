'use client';

import { ServerError } from '@/components/site/NotFound';

/** The newsroom's counterpart of app/(site)/error.tsx, pointing back to the dashboard. */
export default function NewsroomError() {
  return <ServerError newsroom />;
}
