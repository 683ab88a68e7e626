/**
 * The host side of the paged KV cache (DESIGN.md §4): {@link io.github.relayllm.core.kv.KvCachePool}
 * (one per model: fixed-size blocks of token slots and their free list, sized from a byte budget)
 * and {@link io.github.relayllm.core.kv.KvSequence} (one per conversation and model: the token ids
 * its cache holds, its block table, longest-common-prefix reuse).
 *
 * <p>The device reads what these write: the slot of each new token ({@code Op.StoreKv}) and each
 * sequence's block table ({@code Op.Attention}). Nothing here touches device memory. How the pieces
 * fit and what to keep in mind when changing them is in {@code docs/runtime.md}.
 */
package io.github.relayllm.core.kv;
