import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/tags/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return listingMetadata('tag', tag, page);
}

export default async function TagPageN({ params }: PageProps<'/tags/[tag]/page/[page]'>) {
  const { tag, page } = await params;
  return <ListingPage kind="tag" slug={tag} rawPage={page} />;
}
