import { mediaVariantsOf, type MediaFile } from '@/lib/media/names';
import { mediaUrl } from '@/lib/paths';
import './media.css';

/**
 * A small preview of an uploaded image, from its narrowest variant, sized by its attributes so the
 * page does not jump as it loads. Decorative (empty alt): it always stands next to the image's alt text.
 * Drawn on the server (the media library) and in the browser (the editor's image picker): hence *.client.
 */
export function MediaThumbnail({ media, width = 160 }: { media: MediaFile; width?: number }) {
  const smallest = mediaVariantsOf(media)[0] ?? media;
  return (
    <img
      className="media-thumb"
      src={mediaUrl(smallest.fileName)}
      alt=""
      width={width}
      height={Math.max(1, Math.round((width * media.height) / media.width))}
      loading="lazy"
      decoding="async"
    />
  );
}
