import { storyKicker, type StoryType } from '@/lib/story-types';

/** The story type's label above a headline ("Analysis", "Opinion"…): nothing for news, which needs none. */
export function StoryKicker({ type, className = '' }: { type: StoryType; className?: string }) {
  const label = storyKicker(type);
  if (label === null) return null;
  return <span className={`kicker kicker--${type} ${className}`.trim()}>{label}</span>;
}
