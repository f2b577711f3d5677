/** Story blocks (docs/decisions/0017): the stored syntax, its problems for the editor, its HTML for readers. */
export { findBlockProblems, describeBlockProblems, imageIdsIn, type BlockProblem, type KnownImage } from './problems';
export { recogniseEmbed, isEmbedFrame, embedFrameOrigins, type Embed } from './embeds';
export { parseAttributes, quoteAttribute } from './attributes';
export { IMAGE_SIZES, LEAF_BLOCKS, CONTAINER_BLOCKS, type ImageSize } from './syntax';
export { renumberImages } from './renumber';
