import type { ImageRef } from '@/db/types';

export function HeroImage({ image }: { image: ImageRef }) {
  const hasCaption = image.caption !== '' || image.credit !== '';
  return (
    <figure className="hero">
      <img
        src={image.src}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading="eager"
        fetchPriority="high"
        decoding="async"
      />
      {hasCaption && (
        <figcaption>
          {image.caption}
          {image.credit && <span className="hero__credit"> {image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
