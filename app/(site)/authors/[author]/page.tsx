import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/authors/[author]'>) {
  return listingMetadata('author', (await params).author);
}

export default async function AuthorPage({ params }: PageProps<'/authors/[author]'>) {
  return <ListingPage kind="author" slug={(await params).author} />;
}
