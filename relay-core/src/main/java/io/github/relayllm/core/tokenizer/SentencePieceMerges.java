package io.github.relayllm.core.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BPE merges for a SentencePiece vocabulary, derived from its scores the way Hugging Face's
 * converter ({@code generate_merges} in transformers) derives them: every split of a piece into two
 * pieces of the vocabulary is a merge ranked by the score of the whole piece, longer left and then
 * longer right parts first among equal scores, splits of one piece ordered by the ids of their parts.
 * A SentencePiece BPE model merges the highest-scoring pair first, so these ranks reproduce it.
 *
 * <p>Cost: one hash lookup per split point of every piece (about half a million for a 32,000-piece
 * vocabulary).
 */
final class SentencePieceMerges {
    private SentencePieceMerges() {}

    /** The merges as {@code [left, right]} pairs, highest priority first. */
    static List<String[]> of(Vocabulary vocabulary) {
        float[] scores = vocabulary
                .scores()
                .orElseThrow(() -> new IllegalArgumentException("a SentencePiece vocabulary needs scores"));
        List<String> tokens = vocabulary.tokens();
        Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
        for (int id = 0; id < tokens.size(); id++) {
            ids.put(tokens.get(id), id); // the last id wins for a duplicate piece, as in transformers' dict
        }
        record Merge(String left, String right, int leftId, int rightId, float score) {}
        List<Merge> merges = new ArrayList<>();
        for (int id = 0; id < tokens.size(); id++) {
            String piece = tokens.get(id);
            List<Merge> splits = new ArrayList<>();
            for (int cut = piece.offsetByCodePoints(0, 1);
                    cut < piece.length();
                    cut = piece.offsetByCodePoints(cut, 1)) {
                Integer left = ids.get(piece.substring(0, cut));
                Integer right = ids.get(piece.substring(cut));
                if (left != null && right != null) {
                    splits.add(new Merge(piece.substring(0, cut), piece.substring(cut), left, right, scores[id]));
                }
            }
            splits.sort(Comparator.comparingInt(Merge::leftId).thenComparingInt(Merge::rightId));
            merges.addAll(splits);
        }
        // Stable, like Python's sorted(..., reverse=True): equal keys keep their order.
        merges.sort(Comparator.comparingDouble((Merge m) -> m.score())
                .thenComparingInt(m -> m.left().codePointCount(0, m.left().length()))
                .thenComparingInt(m -> m.right().codePointCount(0, m.right().length()))
                .reversed());
        return merges.stream().map(m -> new String[] {m.left(), m.right()}).toList();
    }
}
