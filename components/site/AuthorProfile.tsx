import type { Author } from '@/db/types';
import { coverSizes } from '@/lib/media/responsive-images';
import { ResponsiveImage } from './ResponsiveImage';

/** `.author-profile__photo` in app/styles.css: a square this many rem wide, filled by the photo. */
const PHOTO_REM = 6;

export function AuthorProfile({ author }: { author: Author }) {
  return (
    <div className="author-profile">
      {author.photo && (
        <ResponsiveImage
          className="author-profile__photo"
          image={author.photo}
          sizes={coverSizes(author.photo, PHOTO_REM)}
          alt={author.name}
        />
      )}
      <div>
        {author.title && <p className="author-profile__title">{author.title}</p>}
        {author.bio && <p className="author-profile__bio">{author.bio}</p>}
      </div>
    </div>
  );
}
