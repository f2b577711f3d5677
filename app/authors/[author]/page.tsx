import { AuthorListing, authorListingMetadata } from '@/app/listing-routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/authors/[author]'>) {
  return authorListingMetadata((await params).author);
}

export default async function AuthorPage({ params }: PageProps<'/authors/[author]'>) {
  return <AuthorListing slug={(await params).author} />;
}
