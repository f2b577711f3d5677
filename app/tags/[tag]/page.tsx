import { TagListing, tagListingMetadata } from '@/app/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/tags/[tag]'>) {
  return tagListingMetadata((await params).tag);
}

export default async function TagPage({ params }: PageProps<'/tags/[tag]'>) {
  return <TagListing slug={(await params).tag} />;
}
