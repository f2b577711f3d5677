import type { ImageRef } from '@/db/types';
import { imageSizes } from '@/lib/media/responsive-images';
import { ResponsiveImage } from './ResponsiveImage';

export function HeroImage({ image }: { image: ImageRef }) {
  const hasCaption = image.caption !== '' || image.credit !== '';
  return (
    <figure className="hero">
      <ResponsiveImage image={image} sizes={imageSizes.articleHero} alt={image.alt} loading="eager" fetchPriority="high" />
      {hasCaption && (
        <figcaption>
          {image.caption}
          {image.credit && <span className="hero__credit"> {image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
