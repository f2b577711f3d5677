import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/[section]'>) {
  return listingMetadata('section', (await params).section);
}

export default async function SectionPage({ params }: PageProps<'/[section]'>) {
  return <ListingPage kind="section" slug={(await params).section} />;
}
