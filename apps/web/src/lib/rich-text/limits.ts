/**
 * How deep blocks may nest before the rest is dropped. Real content nests three or four levels
 * (list → item → link → text); the cap keeps hostile input from exhausting the call stack.
 */
export const MAX_BLOCK_DEPTH = 20;
