import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/tags/[tag]'>) {
  return listingMetadata('tag', (await params).tag);
}

export default async function TagPage({ params }: PageProps<'/tags/[tag]'>) {
  return <ListingPage kind="tag" slug={(await params).tag} />;
}
