import type { Author } from '@/db/types';

export function AuthorProfile({ author }: { author: Author }) {
  return (
    <div className="author-profile">
      {author.photo && (
        <img
          className="author-profile__photo"
          src={author.photo.src}
          alt={author.photo.alt}
          width={author.photo.width}
          height={author.photo.height}
        />
      )}
      <div>
        {author.title && <p className="author-profile__title">{author.title}</p>}
        {author.bio && <p className="author-profile__bio">{author.bio}</p>}
      </div>
    </div>
  );
}
