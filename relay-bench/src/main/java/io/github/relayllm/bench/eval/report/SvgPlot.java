package io.github.relayllm.bench.eval.report;

import io.github.relayllm.bench.eval.report.PlotMark.PolicyPoint;
import io.github.relayllm.bench.eval.report.PlotMark.PublishedPoint;
import io.github.relayllm.bench.eval.report.PlotMark.SweepLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the accuracy-against-call-ratio plot as one self-contained SVG document: no scripts, no
 * external fonts or styles (generic {@code sans-serif}), so that it displays the same in a browser, a
 * markdown viewer or a CI artifact. The x axis is {@link CallRatioAxis} (symmetric-log); y is
 * accuracy in percent over a range rounded to tens that holds every point. Elements carry classes
 * ({@code policy-point}, {@code sweep-line}, {@code published-point}) and {@code data-} names so that
 * tests and tools can find them. Cost: linear in the number of policies.
 */
public final class SvgPlot {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 600;
    private static final int TOP = 50;
    private static final int BOTTOM = 460;
    private static final String POLICY_COLOR = "#1f77b4";
    private static final String PUBLISHED_COLOR = "#7f7f7f";
    private static final List<String> SWEEP_COLORS = List.of("#ff7f0e", "#2ca02c", "#d62728", "#9467bd");

    private SvgPlot() {}

    public static String render(EvaluationReport report) {
        List<PlotMark> marks = PlotMark.of(report);
        List<String> families = new ArrayList<>();
        for (PlotMark mark : marks) {
            if (mark instanceof SweepLine line) {
                families.add(line.family());
            }
        }
        YRange y = YRange.of(marks);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(format(
                "<text class=\"title\" x=\"%d\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">%s</text>\n",
                (LEFT + RIGHT) / 2,
                escape("Accuracy vs call ratio: " + report.directory().getFileName())));
        axes(svg, y);
        for (PlotMark mark : marks) {
            switch (mark) {
                case SweepLine line -> sweepLine(svg, line, color(families, line.family()), y);
                case PolicyPoint point -> policyPoint(svg, point, color(families, point.family()), y);
                case PublishedPoint point -> publishedPoint(svg, point, y);
            }
        }
        legend(svg, families);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, YRange y) {
        svg.append(format(
                "<g class=\"axes\" stroke=\"black\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>\n",
                LEFT, BOTTOM, RIGHT, BOTTOM, LEFT, TOP, LEFT, BOTTOM));
        for (double tick : CallRatioAxis.TICKS) {
            double px = x(tick);
            svg.append(format(
                    "<line class=\"x-tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%%</text>\n",
                    px, BOTTOM, px, BOTTOM + 5, px, TOP, px, BOTTOM, px, BOTTOM + 20, number(tick)));
        }
        for (double tick = y.low(); tick <= y.high() + 1e-9; tick += y.step()) {
            double py = y.pixel(tick);
            svg.append(format(
                    "<line class=\"y-tick\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT - 5, py, LEFT, py, LEFT, py, RIGHT, py, LEFT - 8, py + 4, number(tick)));
        }
        svg.append(format(
                "<text class=\"x-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                        + "call ratio (%% of generated tokens written by the LLM; symmetric-log, linear below 0.1%%)"
                        + "</text>\n",
                (LEFT + RIGHT) / 2, BOTTOM + 45));
        svg.append(format(
                "<text class=\"y-label\" x=\"20\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">"
                        + "average accuracy (%%)</text>\n",
                (TOP + BOTTOM) / 2, (TOP + BOTTOM) / 2));
    }

    private static void sweepLine(StringBuilder svg, SweepLine line, String color, YRange y) {
        StringBuilder points = new StringBuilder();
        for (PolicyPoint point : line.points()) {
            points.append(format("%.1f,%.1f ", x(point.callRatioPercent()), y.pixel(point.accuracyPercent())));
        }
        svg.append(format(
                "<polyline class=\"sweep-line\" data-family=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\""
                        + " stroke-width=\"1.5\"/>\n",
                escape(line.family()), points.toString().strip(), color));
    }

    private static void policyPoint(StringBuilder svg, PolicyPoint point, String color, YRange y) {
        double px = x(point.callRatioPercent());
        double py = y.pixel(point.accuracyPercent());
        svg.append(format(
                "<circle class=\"policy-point\" data-policy=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                        + "<title>%s: %.2f%% at call ratio %.2f%%</title></circle>"
                        + "<text class=\"policy-label\" x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>\n",
                escape(point.policy()),
                px,
                py,
                color,
                escape(point.policy()),
                point.accuracyPercent(),
                point.callRatioPercent(),
                px + 6,
                py - 6,
                color,
                escape(point.policy())));
    }

    private static void publishedPoint(StringBuilder svg, PublishedPoint point, YRange y) {
        double px = x(point.callRatioPercent());
        double py = y.pixel(point.result().accuracyPercent());
        String label = point.result().label();
        svg.append(format(
                "<path class=\"published-point\" data-label=\"%s\" d=\"M%.1f %.1f l5 5 l-5 5 l-5 -5 z\""
                        + " fill=\"white\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                        + "<text class=\"published-label\" x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"10\">%s</text>\n",
                escape(label), px, py - 5, PUBLISHED_COLOR, px + 7, py + 3, PUBLISHED_COLOR, escape(label)));
    }

    private static void legend(StringBuilder svg, List<String> families) {
        int x = RIGHT + 20;
        int row = TOP + 10;
        svg.append("<g class=\"legend\">\n");
        svg.append(format(
                "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">policies in this folder"
                        + " (rule-based grading)</text>\n",
                x, row, POLICY_COLOR, x + 12, row + 4));
        for (String family : families) {
            row += 20;
            svg.append(format(
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s sweep</text>\n",
                    x - 6, row, x + 6, row, color(families, family), x + 12, row + 4, escape(family)));
        }
        row += 20;
        svg.append(format(
                "<path d=\"M%d %d l5 5 l-5 5 l-5 -5 z\" fill=\"white\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                        + "<text x=\"%d\" y=\"%d\">published (paper, LLM-judge grading)</text>\n",
                x, row - 5, PUBLISHED_COLOR, x + 12, row + 4));
        svg.append("</g>\n");
    }

    private static String color(List<String> families, String family) {
        return family == null ? POLICY_COLOR : SWEEP_COLORS.get(families.indexOf(family) % SWEEP_COLORS.size());
    }

    private static double x(double callRatioPercent) {
        return LEFT + CallRatioAxis.position(callRatioPercent) * (RIGHT - LEFT);
    }

    /** "0.1", "1", "100": ticks without trailing zeros. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** The accuracy axis: tens (fives for a narrow range) that hold every point with some margin. */
    private record YRange(double low, double high, double step) {
        static YRange of(List<PlotMark> marks) {
            double min = 100;
            double max = 0;
            for (PlotMark mark : marks) {
                double accuracy = switch (mark) {
                    case PolicyPoint p -> p.accuracyPercent();
                    case PublishedPoint p -> p.result().accuracyPercent();
                    case SweepLine l -> Double.NaN;
                };
                if (!Double.isNaN(accuracy)) {
                    min = Math.min(min, accuracy);
                    max = Math.max(max, accuracy);
                }
            }
            double low = Math.max(0, Math.floor((min - 2) / 10) * 10);
            double high = Math.min(100, Math.ceil((max + 2) / 10) * 10);
            return new YRange(low, high, high - low <= 30 ? 5 : 10);
        }

        double pixel(double accuracyPercent) {
            return BOTTOM - (accuracyPercent - low) / (high - low) * (BOTTOM - TOP);
        }
    }
}
