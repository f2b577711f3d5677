import type { ImageRef } from '@/db/types';
import { fallbackSrc, NARROW_SCREEN, narrowScreenSrcset, srcsetOf } from '@/lib/media/responsive-images';

/**
 * An image the browser fetches at the width its place shows it (`sizes`, from lib/media/responsive-images.ts),
 * never wider than a narrow screen needs, with its box reserved by the widest file's size, so nothing
 * moves when it arrives.
 */
export function ResponsiveImage({
  image,
  sizes,
  alt,
  className,
  loading,
  fetchPriority,
}: {
  image: ImageRef;
  sizes: string;
  alt: string;
  className?: string;
  loading?: 'eager' | 'lazy';
  fetchPriority?: 'high';
}) {
  const img = (
    <img
      className={className}
      src={fallbackSrc(image)}
      srcSet={srcsetOf(image)}
      sizes={sizes}
      alt={alt}
      width={image.width}
      height={image.height}
      loading={loading}
      fetchPriority={fetchPriority}
      decoding="async"
    />
  );
  const narrow = narrowScreenSrcset(image);
  // The picture element adds no box (app/styles.css): the img is laid out as if it stood alone.
  return narrow === null ? (
    img
  ) : (
    <picture>
      <source media={NARROW_SCREEN} srcSet={narrow} sizes={sizes} />
      {img}
    </picture>
  );
}
