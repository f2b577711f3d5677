import { SectionListing, sectionListingMetadata } from '@/app/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/[section]'>) {
  return sectionListingMetadata((await params).section);
}

export default async function SectionPage({ params }: PageProps<'/[section]'>) {
  return <SectionListing slug={(await params).section} />;
}
