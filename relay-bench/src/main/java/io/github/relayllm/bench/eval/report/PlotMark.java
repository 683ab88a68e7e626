package io.github.relayllm.bench.eval.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the accuracy-against-call-ratio plot draws: a point per policy of the folder, a line through
 * each random-router sweep's points (sorted by call ratio), and the paper's published points. Values
 * are percentages; a policy's point is its average (strict) accuracy at its average call ratio.
 */
sealed interface PlotMark {

    /** One policy of the folder; {@code family} is its sweep's name, or null when it stands alone. */
    record PolicyPoint(String policy, double callRatioPercent, double accuracyPercent, String family)
            implements PlotMark {}

    /** A random-router sweep: its points in increasing call ratio. */
    record SweepLine(String family, List<PolicyPoint> points) implements PlotMark {
        public SweepLine {
            points = List.copyOf(points);
        }
    }

    /** A published average; drawn at call ratio 0 when the paper gives none. */
    record PublishedPoint(PublishedResult result) implements PlotMark {
        double callRatioPercent() {
            return result.callRatioPercent().orElse(0);
        }
    }

    /** The marks for {@code report}: sweep lines first (drawn under the points), then points, then the paper's. */
    static List<PlotMark> of(EvaluationReport report) {
        List<PolicyPoint> points = report.policies().stream()
                .map(p -> new PolicyPoint(
                        p.policy(),
                        100 * p.average().callRatio(),
                        100 * p.average().accuracy(),
                        p.sweepFamily().orElse(null)))
                .toList();
        Map<String, List<PolicyPoint>> sweeps = new LinkedHashMap<>();
        for (PolicyPoint point : points) {
            if (point.family() != null) {
                sweeps.computeIfAbsent(point.family(), f -> new ArrayList<>()).add(point);
            }
        }
        List<PlotMark> marks = new ArrayList<>();
        sweeps.forEach((family, members) -> marks.add(new SweepLine(
                family,
                members.stream()
                        .sorted(Comparator.comparingDouble(PolicyPoint::callRatioPercent))
                        .toList())));
        marks.addAll(points);
        PublishedResult.PAPER.forEach(r -> marks.add(new PublishedPoint(r)));
        return marks;
    }
}
