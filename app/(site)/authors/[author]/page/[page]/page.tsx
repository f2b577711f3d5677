import { ListingPage, listingMetadata } from '@/app/(site)/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/authors/[author]/page/[page]'>) {
  const { author, page } = await params;
  return listingMetadata('author', author, page);
}

export default async function AuthorPageN({ params }: PageProps<'/authors/[author]/page/[page]'>) {
  const { author, page } = await params;
  return <ListingPage kind="author" slug={author} rawPage={page} />;
}
