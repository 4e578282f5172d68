/** Kept for Charts.svelte, which imports `monthText` from here: the format lives in src/contracts/explore-format.ts. */
export { monthText } from '../contracts/explore-format';
