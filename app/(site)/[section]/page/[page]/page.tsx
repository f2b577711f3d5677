import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/[section]/page/[page]'>) {
  const { section, page } = await params;
  return listingMetadata('section', section, page);
}

export default async function SectionPageN({ params }: PageProps<'/[section]/page/[page]'>) {
  const { section, page } = await params;
  return <ListingPage kind="section" slug={section} rawPage={page} />;
}
