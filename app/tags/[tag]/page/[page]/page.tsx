import { TagListing, tagListingMetadata } from '@/app/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/tags/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return tagListingMetadata(tag, page);
}

export default async function TagPageN({ params }: PageProps<'/tags/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return <TagListing slug={tag} rawPage={page} />;
}
